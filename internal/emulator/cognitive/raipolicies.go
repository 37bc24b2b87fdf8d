package cognitive

import (
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// Responsible AI (content filter) policies a deployment may name in properties.raiPolicyName: a built-in policy of
// the service, or an RAI policy of the deployment's account (ACC/raiPolicies/{name}). The emulator does not serve
// RAI policies yet (issue 16 adds them as a resource type of kind kindRaiPolicy, children of the account); until
// then only the built-ins exist.

// builtinRaiPolicies are the system-managed policies every account has: Microsoft.Default and Microsoft.DefaultV2
// (the base policies the specification's examples name), and Microsoft.Nill, which public configurations give
// deployments of models without Azure content filtering.
var builtinRaiPolicies = []string{"Microsoft.Default", "Microsoft.DefaultV2", "Microsoft.Nill"}

// codeRaiPolicyNotFound is the emulator's choice (the service's code for an unknown policy is not established).
const codeRaiPolicyNotFound = "InvalidResourceProperties"

// raiPolicyNames are the policies a deployment of acc may name: the built-ins, then the account's own.
func (s *Service) raiPolicyNames(acc *resource) []string {
	names := append([]string(nil), builtinRaiPolicies...)
	for _, r := range s.st.children(acc, kindRaiPolicy) {
		names = append(names, r.name())
	}
	return names
}

// checkRaiPolicyName refuses a deployment whose raiPolicyName names no policy of its account (names compare
// case-insensitively, as ARM names do).
func checkRaiPolicyName(c *call, w *write, props map[string]any) *arm.Error {
	name, _ := props["raiPolicyName"].(string)
	if name == "" {
		return nil
	}
	names := c.s.raiPolicyNames(w.parent)
	if containsFoldString(names, name) {
		return nil
	}
	return arm.Errorf(http.StatusBadRequest, codeRaiPolicyNotFound,
		"The RAI policy '%s' of deployment '%s' does not exist in account '%s'. Name a built-in policy (%s) or an RAI policy of the account.",
		name, w.names[1], w.parent.name(), strings.Join(builtinRaiPolicies, ", "))
}
