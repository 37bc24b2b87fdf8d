resource "foundry_agent" "example" {
  project_id  = foundry_project.example.id
  name        = "support-triage"
  description = "Sorts incoming support requests"
  metadata    = { team = "support" }

  # Keep the two newest versions; older ones are deleted after each change.
  keep_versions = 2

  definition {
    model        = foundry_deployment.chat.name # orders the deployment first
    instructions = "Classify the request and answer in one sentence."
    temperature  = 0.2

    text_format {
      type   = "json_schema"
      name   = "triage"
      strict = true
      schema = jsonencode({
        type       = "object"
        properties = { category = { type = "string" }, answer = { type = "string" } }
        required   = ["category", "answer"]
      })
    }

    tools {
      file_search {
        vector_store_ids = ["vs_abc123"]
      }
      mcp {
        server_label     = "docs"
        server_url       = "https://learn.microsoft.com/api/mcp"
        require_approval = "never"
      }
      openapi {
        name = "status"
        spec = file("${path.module}/status-openapi.json")
        auth {
          type = "anonymous"
        }
      }
    }
  }
}
