package agent_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const resourceName = "foundry_agent.test"

// newEnv starts an emulator where the test's identity already holds Foundry User on the subscription.
func newEnv(t *testing.T) *acctest.Env {
	return acctest.NewEnv(t, func(o *emulator.Options) { o.GrantSeededClientsFoundryUser = true })
}

// apiClient is the provider's client against env, for out-of-band changes.
func apiClient(t *testing.T, env *acctest.Env) *client.Client {
	t.Helper()
	cl := cloud.Configuration{
		ActiveDirectoryAuthorityHost: env.Server.URL() + "/",
		Services:                     map[cloud.ServiceName]cloud.ServiceConfiguration{cloud.ResourceManager: {Endpoint: env.Server.URL(), Audience: acctest.ARMAudience}},
	}
	cred, err := azidentity.NewClientSecretCredential(env.TenantID, env.ClientID, env.ClientSecret, &azidentity.ClientSecretCredentialOptions{
		ClientOptions: azcore.ClientOptions{Cloud: cl, Transport: env.Server.HTTPClient()}, DisableInstanceDiscovery: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.Options{Credential: cred, Cloud: cl, Transport: env.Server.HTTPClient()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func projectClient(t *testing.T, env *acctest.Env, account string) *client.ProjectClient {
	t.Helper()
	acc, err := client.ParseAccountID(env.AccountID("rg-foundry", account))
	if err != nil {
		t.Fatal(err)
	}
	pc, err := apiClient(t, env).Project(context.Background(), client.NewProjectID(acc, "proj"))
	if err != nil {
		t.Fatal(err)
	}
	return pc
}

// base is an account with a project "proj" and a deployment "chat".
func base(account string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
}

resource "foundry_project" "test" {
  account_id = foundry_account.test.id
  name       = "proj"
  identity   = { type = "SystemAssigned" }
}

resource "foundry_deployment" "chat" {
  account_id = foundry_account.test.id
  name       = "chat"
  model      = { format = "OpenAI", name = "gpt-4o" }
  sku        = { name = "GlobalStandard", capacity = 10 }
}
`, account)
}

// agent is foundry_agent.test named name with the given definition body and extra top-level arguments.
func agent(name, definition, extra string) string {
	return fmt.Sprintf(`
resource "foundry_agent" "test" {
  project_id = foundry_project.test.id
  name       = %[1]q
  %[3]s
  definition {
    model = foundry_deployment.chat.name
    %[2]s
  }
}
`, name, definition, extra)
}
