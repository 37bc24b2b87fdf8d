package connection_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// examples/multi-project applies in one go (with a 10 s role propagation delay for the agents), each project sees the
// shared account connection next to its own and not the other project's, a second plan is empty, and the destroy
// removes the default project last.
func TestMultiProjectExample(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetRBACPropagationDelay(10 * time.Second)
	cfg := env.ExampleConfig(t, "multi-project", "")
	account := env.AccountID("rg-foundry", "contoso-teams")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				// providers.tf holds the environment-driven provider block; the test supplies the emulator's.
				Config: cfg,
				// A refresh right after the apply finds nothing changed: the refresh-only plan is empty (issue 18).
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{acctest.ExpectNoDrift()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account_connection.search", tfjsonpath.New("is_shared_to_all"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("foundry_account_connection.search", tfjsonpath.New("group"), knownvalue.StringExact("AzureAI")),
					statecheck.ExpectKnownValue("foundry_project.support", tfjsonpath.New("is_default"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("foundry_project_connection.research_docs", tfjsonpath.New("id"),
						knownvalue.StringExact(account+"/projects/research/connections/research-docs")),
					statecheck.ExpectKnownValue("foundry_agent.support", tfjsonpath.New("definition").AtMapKey("model"), knownvalue.StringExact("gpt-4o")),
					statecheck.ExpectKnownValue("foundry_agent.research", tfjsonpath.New("definition").AtMapKey("model"), knownvalue.StringExact("gpt-4o")),
					sharedConnectionVisible{env: env, account: account},
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// sharedConnectionVisible checks that each project lists the shared account connection next to its own connection,
// and not the other project's.
type sharedConnectionVisible struct {
	env     *acctest.Env
	account string
}

func (c sharedConnectionVisible) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for project, other := range map[string]string{"support": "research", "research": "support"} {
		names, err := projectConnectionsWithShared(c.env, c.account+"/projects/"+project)
		if err != nil {
			resp.Error = err
			return
		}
		if !slices.Contains(names, "shared-search") || !slices.Contains(names, project+"-docs") || slices.Contains(names, other+"-docs") {
			resp.Error = fmt.Errorf("project %s lists connections %v, want %s-docs and shared-search only", project, names, project)
			return
		}
	}
}

// projectConnectionsWithShared lists a project's connections with includeAll=true (its own plus the account's shared
// ones), straight from the emulator's ARM endpoint, and returns their names.
func projectConnectionsWithShared(env *acctest.Env, projectID string) ([]string, error) {
	token, err := env.Server.Token(acctest.ARMAudience)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodGet, env.Server.URL()+projectID+"/connections?api-version=2026-09-01&includeAll=true", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := env.Server.HTTPClient().Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("listing the connections of %s: %s", projectID, resp.Status)
	}
	var page struct {
		Value []struct {
			Name string `json:"name"`
		} `json:"value"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		return nil, err
	}
	names := make([]string, len(page.Value))
	for i, c := range page.Value {
		names[i] = c.Name
	}
	return names, nil
}
