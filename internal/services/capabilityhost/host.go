package capabilityhost

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The two capability host resources have one shape: a scope (an account or a project) holds one host, Azure cannot
// update a host (every argument forces replacement), and the host's ID, its scope's ID and its name are recorded
// before the long create and on import (crud.SetIDs). What they share of that shape is here; each resource
// file keeps its own order of steps.

// existingHost is a host already in the scope, as the plan-time check sees it.
type existingHost struct {
	name         string
	sameSettings bool // the configured settings: the host a replacement under a new name destroys first
}

// checkScopeFree refuses, for a create, a second capability host in a scope that already holds one under another
// name. Terraform plans the create half of a replacement (a new name) without prior state, while the host being
// replaced still exists with the same settings: that one is let through, the destroy half removes it first.
func checkScopeFree(ctx context.Context, scope, scopeID, planned string, hosts []existingHost, diags *diag.Diagnostics) {
	for _, h := range hosts {
		switch {
		case strings.EqualFold(h.name, planned):
		case h.sameSettings:
			tflog.Debug(ctx, "The "+scope+"'s capability host has the same settings under another name; assuming this plan replaces it",
				map[string]any{"existing": h.name})
		default:
			diags.Append(taken(path.Root("name"), scope, scopeID, scopeID+"/capabilityHosts/"+h.name))
			return
		}
	}
}

// recordTimeouts is Update for both resources: every argument forces replacement, so only new timeouts change.
func recordTimeouts[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan M
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}
