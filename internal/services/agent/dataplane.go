package agent

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
)

// Data actions of the agent routes, named in errors (project-dataplane.md §3).
const (
	actionRead   = "Microsoft.CognitiveServices/accounts/AIServices/agents/read"
	actionWrite  = "Microsoft.CognitiveServices/accounts/AIServices/agents/write"
	actionDelete = "Microsoft.CognitiveServices/accounts/AIServices/agents/delete"
)

// retryDenied runs op, retrying 401 PermissionDenied (a role assignment still propagating) until ctx ends, the
// resource's timeout. Other errors, the wrong-audience 401 included, return at once.
func retryDenied[T any](ctx context.Context, op func(context.Context) (T, error)) (T, error) {
	var out T
	start := time.Now()
	err := client.RetryPermissionDenied(ctx, func(ctx context.Context) error {
		var err error
		out, err = op(ctx)
		return err
	}, func(attempt int, delay time.Duration, err error) {
		tflog.Debug(ctx, "The data plane answers 401 PermissionDenied (a role assignment may still be propagating); retrying", map[string]any{
			"attempt": attempt, "delay_ms": delay.Milliseconds(), "waited_ms": time.Since(start).Milliseconds(),
			"data_action": client.DeniedDataAction(err),
		})
	})
	return out, err
}

// dataPlaneError reports a failed agent call; 401s say which data action and role are needed.
func dataPlaneError(op diagnostics.Operation, id client.AgentID, action string, err error) diag.Diagnostic {
	if a := client.DeniedDataAction(err); a != "" && client.StatusCode(err) == 401 {
		action = a
	}
	return diagnostics.APIError(op, object, id.String(), err, hints.DataPlane(action))
}
