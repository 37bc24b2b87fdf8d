package encryption

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// Flattened is what an account's encryption says about its key, for the resource and the inline block.
type Flattened struct {
	KeyID, IdentityClientID, KeyVersion types.String
}

// Flatten maps the account's encryption back to key_id, identity_client_id and key_version. priorKeyID is the key
// ID in state or plan (for the vault's resource group and the user's spelling); priorClientID keeps the user's
// spelling of the client ID. For a versionless key the current version is read from the key, keeping
// priorVersion when that read fails.
func Flatten(ctx context.Context, api *client.Client, e *client.Encryption, priorKeyID, priorClientID, priorVersion types.String) (Flattened, bool) {
	prior, _ := client.ParseKeyID(priorKeyID.ValueString())
	id, ok := KeyID(e, prior)
	if !ok {
		return Flattened{}, false
	}
	out := Flattened{KeyID: types.StringValue(id.String()), IdentityClientID: types.StringNull(), KeyVersion: types.StringValue(id.Version)}
	if EqualFold(priorKeyID, id.String()) {
		out.KeyID = priorKeyID
	}
	if c := framework.Deref(e.KeyVaultProperties.IdentityClientID); c != "" {
		out.IdentityClientID = types.StringValue(c)
		if EqualFold(priorClientID, c) {
			out.IdentityClientID = priorClientID
		}
	}
	if id.Version == "" {
		out.KeyVersion = priorVersion
		k, err := api.GetKey(ctx, id)
		if err != nil {
			tflog.Warn(ctx, "Could not read the key's current version; keeping the last known one", map[string]any{"key_id": id.String(), "error": err.Error()})
		} else if v := k.CurrentVersion(); v != "" {
			out.KeyVersion = types.StringValue(v)
		}
	}
	return out, true
}

// EqualFold reports whether v is set and equals s, ignoring case (ARM IDs and client IDs compare so).
func EqualFold(v types.String, s string) bool {
	return !v.IsNull() && !v.IsUnknown() && strings.EqualFold(v.ValueString(), s)
}

// Of returns a's encryption settings, or nil.
func Of(a client.Account) *client.Encryption {
	if a.Properties == nil {
		return nil
	}
	return a.Properties.Encryption
}

// PlanKeyVersion is the planned key_version: a pinned version is known from key_id; a versionless key_id that did
// not change keeps the version in state (a rotation shows on refresh, not as a diff); otherwise it is unknown.
func PlanKeyVersion(planKeyID, stateKeyID, stateVersion types.String) types.String {
	if planKeyID.IsUnknown() {
		return types.StringUnknown()
	}
	id, err := client.ParseKeyID(planKeyID.ValueString())
	switch {
	case err != nil:
		return types.StringUnknown()
	case id.Version != "":
		return types.StringValue(id.Version)
	case EqualFold(stateKeyID, planKeyID.ValueString()) && !stateVersion.IsNull():
		return stateVersion
	default:
		return types.StringUnknown()
	}
}
