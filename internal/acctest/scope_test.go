package acctest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// newClient builds the provider's client against the emulator with a real client-secret credential.
func newClient(t *testing.T, env *acctest.Env, projectAudience string) *client.Client {
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
	c, err := client.New(client.Options{Credential: cred, Cloud: cl, Transport: env.Server.HTTPClient(), ProjectAudience: projectAudience})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// createProject makes an account and a project through ARM and returns the project's ID.
func createProject(ctx context.Context, t *testing.T, c *client.Client, env *acctest.Env) client.ProjectID {
	t.Helper()
	name := acctest.RandomName("scope")
	acc := client.NewAccountID(env.SubscriptionID, "rg-foundry", name)
	p, err := c.BeginCreateOrUpdateAccount(ctx, acc, client.Account{
		Kind: ptr("AIServices"), Location: ptr("eastus"), SKU: &client.SKU{Name: ptr("S0")},
		Identity:   &client.Identity{Type: ptr(client.IdentityType("SystemAssigned"))},
		Properties: &client.AccountProperties{CustomSubDomainName: ptr(name), AllowProjectManagement: ptr(true)},
	})
	if err == nil {
		_, err = client.Wait(ctx, c, p)
	}
	if err != nil {
		t.Fatalf("creating the account: %v", err)
	}
	pid := client.NewProjectID(acc, "proj")
	pp, err := c.BeginCreateOrUpdateProject(ctx, pid, client.Project{
		Location: ptr("eastus"), Identity: &client.Identity{Type: ptr(client.IdentityType("SystemAssigned"))},
	})
	if err == nil {
		_, err = client.Wait(ctx, c, pp)
	}
	if err != nil {
		t.Fatalf("creating the project: %v", err)
	}
	return pid
}

// The project scope reads its endpoint from ARM and calls it with an https://ai.azure.com token.
func TestProjectScope_listDeployments(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	ctx := context.Background()
	c := newClient(t, env, "")
	pid := createProject(ctx, t, c, env)

	pc, err := c.Project(ctx, pid)
	if err != nil {
		t.Fatalf("opening the project scope: %v", err)
	}
	if !strings.HasPrefix(pc.Endpoint(), env.Server.URL()+"/") || !strings.HasSuffix(pc.Endpoint(), "/api/projects/proj") {
		t.Errorf("endpoint = %q, want the one ARM returned for the project", pc.Endpoint())
	}
	deps, err := pc.ListDeployments(ctx)
	if err != nil {
		t.Fatalf("listing deployments: %v", err)
	}
	if len(deps) != 0 {
		t.Errorf("a new account has no deployments, got %+v", deps)
	}
	var sawDataPlane bool
	for _, r := range env.Server.Requests() {
		if strings.Contains(r.Path, "/api/projects/proj/deployments") {
			sawDataPlane = true
			if strings.TrimSuffix(r.Audience, "/") != "https://ai.azure.com" || r.Status != 200 {
				t.Errorf("data-plane request with audience %q got %d, want https://ai.azure.com and 200", r.Audience, r.Status)
			}
		}
	}
	if !sawDataPlane {
		t.Error("no request reached the project endpoint")
	}
}

// A project-scope call with an ARM token is refused by the gateway, and the error carries its message.
func TestProjectScope_wrongAudience(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	ctx := context.Background()
	c := newClient(t, env, "https://management.core.windows.net")
	pid := createProject(ctx, t, c, env)
	pc, err := c.Project(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	_, err = pc.ListDeployments(ctx)
	if client.StatusCode(err) != 401 || !strings.Contains(client.ErrorMessage(err), "audience is incorrect (https://ai.azure.com)") {
		t.Fatalf("want the gateway's 401 naming the audience, got status %d message %q (%v)", client.StatusCode(err), client.ErrorMessage(err), err)
	}
}

func ptr[T any](v T) *T { return &v }
