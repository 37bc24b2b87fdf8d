package acctest

import (
	"context"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// ExpectPriorIdentity checks the state a plan starts from: the resource at address is there (tainted or not, as
// tainted says) with identity. It shows what an apply that failed left in the state, which no state check can (they
// run only after a successful apply). Needs a CLI with resource identity (IdentityCLI).
func ExpectPriorIdentity(address string, tainted bool, identity map[string]knownvalue.Check) plancheck.PlanCheck {
	return priorIdentity{address: address, tainted: tainted, identity: identity}
}

type priorIdentity struct {
	address  string
	tainted  bool
	identity map[string]knownvalue.Check
}

func (c priorIdentity) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var found *tfjson.StateResource
	if s := req.Plan.PriorState; s != nil && s.Values != nil && s.Values.RootModule != nil {
		for _, r := range s.Values.RootModule.Resources {
			if r.Address == c.address {
				found = r
			}
		}
	}
	switch {
	case found == nil:
		resp.Error = fmt.Errorf("%s is not in the prior state", c.address)
	case found.Tainted != c.tainted:
		resp.Error = fmt.Errorf("%s: tainted is %v, want %v", c.address, found.Tainted, c.tainted)
	case len(found.IdentityValues) != len(c.identity):
		resp.Error = fmt.Errorf("%s: identity %v in the prior state, want %d attributes", c.address, found.IdentityValues, len(c.identity))
	default:
		for k, check := range c.identity {
			if err := check.CheckValue(found.IdentityValues[k]); err != nil {
				resp.Error = fmt.Errorf("%s: identity attribute %s: %w", c.address, k, err)
				return
			}
		}
	}
}
