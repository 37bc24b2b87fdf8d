package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
)

// CreateRoleAssignmentWhenPrincipalExists is CreateRoleAssignment retried while Entra ID answers 400
// PrincipalNotFound, which it does for minutes after a managed identity is created (replication lag), bounded by
// ctx. onWait, when set, hears about each wait. When ctx ends, the last PrincipalNotFound error is returned, joined
// with the *poll.TimeoutError that says the wait ran out.
func (c *Client) CreateRoleAssignmentWhenPrincipalExists(ctx context.Context, id RoleAssignmentID, body RoleAssignment,
	onWait func(attempt int, delay time.Duration)) (RoleAssignment, error) {
	var got RoleAssignment
	var last error
	err := poll.Until(ctx, func(ctx context.Context) (bool, error) {
		got, last = c.CreateRoleAssignment(ctx, id, body)
		if isPrincipalNotFound(last) {
			return false, nil
		}
		return true, last
	}, func(attempt int, _, next time.Duration) {
		if onWait != nil {
			onWait(attempt, next)
		}
	})
	var te *poll.TimeoutError
	if errors.As(err, &te) && last != nil {
		return got, errors.Join(last, te)
	}
	return got, err
}

// isPrincipalNotFound reports the 400 PrincipalNotFound of a role assignment for a principal Entra ID does not know (yet).
func isPrincipalNotFound(err error) bool {
	return StatusCode(err) == http.StatusBadRequest && strings.EqualFold(ErrorCode(err), "PrincipalNotFound")
}
