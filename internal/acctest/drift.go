package acctest

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// ExpectNoDrift is a plan check that fails when the plan's refresh found any resource changed since the state was
// written (the plan's resource_drift): what `terraform plan -refresh-only` reports as "Objects have changed outside of
// Terraform". Right after an apply, a read must agree with what the apply saved (issue 18). Use it in
// ConfigPlanChecks.PostApplyPostRefresh of an apply step.
func ExpectNoDrift() plancheck.PlanCheck { return noDrift{} }

type noDrift struct{}

func (noDrift) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var drifted []string
	for _, rc := range req.Plan.ResourceDrift {
		if rc == nil || rc.Change == nil {
			continue
		}
		drifted = append(drifted, fmt.Sprintf("%s: %v\n  before: %v\n  after:  %v", rc.Address, rc.Change.Actions, rc.Change.Before, rc.Change.After))
	}
	if len(drifted) > 0 {
		resp.Error = fmt.Errorf("a refresh right after apply found changes (a refresh-only plan would not be empty):\n%s", strings.Join(drifted, "\n"))
	}
}
