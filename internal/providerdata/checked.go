package providerdata

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// CheckKey names the plan-time checks of a resource of type typeName with configuration config, for PlanChecked and
// MarkPlanChecked; ok is false when a value of config is unknown (the checks the plan could run were partial, or the
// values may still change) or the command cannot be named (Run is "").
func (d *Data) CheckKey(typeName string, config tftypes.Value) (key string, ok bool) {
	if d == nil || d.Run == "" || config.IsNull() || !config.IsFullyKnown() {
		return "", false
	}
	// String renders objects and maps with sorted keys, and Terraform sends set elements in a stable order: the same
	// configuration gives the same key in the plan and the apply-time plan (a difference only costs a repeated check).
	sum := sha256.Sum256([]byte(d.Run + "\x00" + d.SubscriptionID + "\x00" + typeName + "\x00" + config.String()))
	return hex.EncodeToString(sum[:]), true
}

// PlanChecked reports whether the plan of this same Terraform command already ran the plan-time checks of key and
// they passed. Terraform calls ModifyPlan twice in one `terraform apply`, at plan and again at apply, in two provider
// processes (framework.CLIRun); the apply-time plan of a create whose configuration is the one the plan checked seconds
// before would read the same listings again (soft-deleted accounts, subdomains, catalogs, quota: issue 18) to find
// the same answer. It skips them: what changed in Azure meanwhile is what the create's own request then meets, and
// reports with the service's error and hints, as it would between an apply-time check and the create anyway.
func (d *Data) PlanChecked(key string) bool {
	return key != "" && d.Journal.Checked(key)
}

// MarkPlanChecked notes, in the working directory's journal, that the plan-time checks of key passed.
func (d *Data) MarkPlanChecked(key string) {
	if key != "" {
		_ = d.Journal.MarkChecked(key) // without the note, the apply-time plan checks again: nothing is lost
	}
}
