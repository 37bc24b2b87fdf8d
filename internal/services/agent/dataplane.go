package agent

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

// Data actions of the agent routes, named in errors (project-dataplane.md §3).
const (
	actionRead   = "Microsoft.CognitiveServices/accounts/AIServices/agents/read"
	actionWrite  = "Microsoft.CognitiveServices/accounts/AIServices/agents/write"
	actionDelete = "Microsoft.CognitiveServices/accounts/AIServices/agents/delete"
)

// retryDenied runs op, retrying 401 PermissionDenied (a role assignment still propagating) for at most bound
// (waits.role_propagation) and never past ctx, the resource's timeout. Other errors, the wrong-audience 401 included,
// return at once.
func retryDenied[T any](ctx context.Context, bound time.Duration, op func(context.Context) (T, error)) (T, error) {
	var out T
	run, wctx, cancel := waits.Start(ctx, waits.RolePropagation, bound,
		"the project data plane to accept the provider's identity (401 PermissionDenied until a role assignment takes effect)")
	defer cancel()
	err := client.RetryPermissionDenied(wctx, func(ctx context.Context) error {
		var err error
		out, err = op(ctx)
		return err
	}, func(attempt int, delay time.Duration, err error) {
		tflog.Debug(ctx, "The data plane answers 401 PermissionDenied", map[string]any{"data_action": client.DeniedDataAction(err)})
		run.Tried(attempt, delay)
	})
	return out, run.Err(err)
}

// dataPlaneError reports a failed agent call; 401s say which data action and role are needed.
func dataPlaneError(op diagnostics.Operation, id client.AgentID, action string, err error) diag.Diagnostic {
	if a := client.DeniedDataAction(err); a != "" && client.StatusCode(err) == 401 {
		action = a
	}
	return diagnostics.APIError(op, object, id.String(), err, hints.DataPlane(action))
}
