package agent_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Every tool type and the JSON-schema response format round-trip without drift (the test framework's post-apply
// plan must be empty), survive an import, and a re-plan is empty.
func TestAgentResource_allTools(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	config := env.ProviderBlock("") + base(acc) + agent("toolbox", allTools, "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("version"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("definition").AtMapKey("tools").AtMapKey("mcp").AtSliceIndex(0).AtMapKey("server_label"),
						knownvalue.StringExact("github")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("definition").AtMapKey("tools").AtMapKey("function"), knownvalue.ListSizeExact(2)),
				},
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

const allTools = `
    instructions = "Use the tools."
    temperature  = 0.7
    top_p        = 0.9

    text_format {
      type   = "json_schema"
      name   = "answer"
      strict = true
      schema = jsonencode({ type = "object", properties = { text = { type = "string" } }, required = ["text"] })
    }

    tools {
      function {
        name        = "get_weather"
        description = "Weather for a city"
        parameters  = jsonencode({ type = "object", properties = { city = { type = "string" } } })
        strict      = true
      }
      function {
        name = "now"
      }
      file_search {
        vector_store_ids = ["vs_1", "vs_2"]
        max_num_results  = 5
      }
      code_interpreter {
        file_ids = ["file_1"]
      }
      azure_ai_search {
        project_connection_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p/connections/search"
        index_name            = "docs"
        query_type            = "vector_semantic_hybrid"
        top_k                 = 3
        filter                = "lang eq 'en'"
      }
      bing_grounding {
        project_connection_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p/connections/bing"
        market                = "en-US"
        set_lang              = "en"
        count                 = 7
        freshness             = "Week"
      }
      openapi {
        name        = "petstore"
        description = "Pets"
        spec        = jsonencode({ openapi = "3.0.0", info = { title = "Pets", version = "1" }, paths = {} })
        auth {
          type = "anonymous"
        }
      }
      openapi {
        name = "internal"
        spec = jsonencode({ openapi = "3.0.0", info = { title = "Internal", version = "1" }, paths = {} })
        auth {
          type     = "managed_identity"
          audience = "api://internal"
        }
      }
      mcp {
        server_label     = "github"
        server_url       = "https://mcp.example.com/github"
        require_approval = "never"
        allowed_tools    = ["search_issues"]
        headers          = { "X-Team" = "support" }
      }
      a2a {
        base_url        = "https://agents.example.com/triage"
        agent_card_path = "/.well-known/agent-card.json"
      }
    }
`
