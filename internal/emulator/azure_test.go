package emulator_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

func credential(t *testing.T, srv *emulator.Server, secret string) (azcore.TokenCredential, cloud.Configuration) {
	t.Helper()
	cfg := cloud.Configuration{
		ActiveDirectoryAuthorityHost: srv.URL() + "/",
		Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: srv.URL(), Audience: armAud},
		},
	}
	cred, err := azidentity.NewClientSecretCredential(srv.TenantID(), emulator.DefaultClientID, secret,
		&azidentity.ClientSecretCredentialOptions{
			ClientOptions:            azcore.ClientOptions{Cloud: cfg, Transport: srv.HTTPClient()},
			DisableInstanceDiscovery: true,
		})
	if err != nil {
		t.Fatal(err)
	}
	return cred, cfg
}

func TestAzureSDK_AccountLifecycleWithPoller(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{AsyncDuration: 1500 * time.Millisecond})
	cred, cfg := credential(t, srv, emulator.DefaultClientSecret)
	client, err := arm.NewClient("emulatortest", "v0.0.1", cred, &arm.ClientOptions{
		ClientOptions: policy.ClientOptions{Cloud: cfg, Transport: srv.HTTPClient()},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	url := runtime.JoinPaths(client.Endpoint(), accountPath("rg-foundry", "sdkacct"))
	req, err := runtime.NewRequest(ctx, http.MethodPut, url)
	if err != nil {
		t.Fatal(err)
	}
	q := req.Raw().URL.Query()
	q.Set("api-version", apiVersion)
	req.Raw().URL.RawQuery = q.Encode()
	if err := runtime.MarshalAsJSON(req, foundryAccount("sdk-sub")); err != nil {
		t.Fatal(err)
	}
	resp, err := client.Pipeline().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("PUT status %d", resp.StatusCode)
	}
	// Accounts_Create declares only Retry-After on 201: azcore's body poller GETs the account until it is Succeeded.
	if resp.Header.Get("Location") != "" || resp.Header.Get("Azure-AsyncOperation") != "" || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("LRO headers: %v", resp.Header)
	}
	poller, err := runtime.NewPoller(resp, client.Pipeline(), &runtime.NewPollerOptions[map[string]any]{FinalStateVia: runtime.FinalStateViaLocation})
	if err != nil {
		t.Fatal(err)
	}
	if poller.Done() {
		t.Fatal("poller done before the async duration elapsed")
	}
	got, err := poller.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	props, _ := got["properties"].(map[string]any)
	if props["provisioningState"] != "Succeeded" {
		t.Fatalf("final provisioningState = %v", props["provisioningState"])
	}
	if got["id"] != accountPath("rg-foundry", "sdkacct") {
		t.Fatalf("id = %v", got["id"])
	}

	// An ai.azure.com token is refused by ARM with the audience error.
	raw := newRaw(t, srv, "https://ai.azure.com")
	r := raw.do(http.MethodGet, accountPath("rg-foundry", "sdkacct"), nil)
	mustErr(t, r, http.StatusUnauthorized, "InvalidAuthenticationTokenAudience")
	if r.header.Get("WWW-Authenticate") == "" {
		t.Fatal("401 without WWW-Authenticate")
	}

	// Project and data plane through a bearer-token pipeline with the ai.azure.com scope.
	srv.SetAsyncDuration(0)
	arm2 := newRaw(t, srv, armAud)
	arm2.create(accountPath("rg-foundry", "sdkacct")+"/projects/p1", map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	arm2.create(accountPath("rg-foundry", "sdkacct")+"/deployments/gpt", map[string]any{
		"sku": map[string]any{"name": "GlobalStandard", "capacity": 10}, "properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}},
	})
	pl := runtime.NewPipeline("emulatortest", "v0.0.1", runtime.PipelineOptions{
		PerRetry: []policy.Policy{runtime.NewBearerTokenPolicy(cred, []string{"https://ai.azure.com/.default"}, nil)},
	}, &policy.ClientOptions{Transport: srv.HTTPClient()})
	dreq, err := runtime.NewRequest(ctx, http.MethodGet, srv.URL()+"/ai/sdk-sub/api/projects/p1/deployments?api-version=v1")
	if err != nil {
		t.Fatal(err)
	}
	dresp, err := pl.Do(dreq)
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Value []map[string]any `json:"value"`
	}
	if err := runtime.UnmarshalAsJSON(dresp, &list); err != nil {
		t.Fatal(err)
	}
	if dresp.StatusCode != http.StatusOK || len(list.Value) != 1 || list.Value[0]["modelName"] != "gpt-4o" || list.Value[0]["type"] != "ModelDeployment" {
		t.Fatalf("data plane: %d %v", dresp.StatusCode, list.Value)
	}

	// An ARM token on the data plane gets the gateway 401.
	gw := arm2.do(http.MethodGet, srv.URL()+"/ai/sdk-sub/api/projects/p1/deployments?api-version=v1", nil)
	must(t, gw, http.StatusUnauthorized)
	if gw.body["statusCode"] != float64(401) || gw.body["message"] == nil {
		t.Fatalf("gateway body: %s", gw.raw)
	}
}

func TestAzureSDK_BadSecretIsInvalidClient(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	cred, _ := credential(t, srv, "wrong")
	_, err := cred.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: []string{armAud + "/.default"}})
	if err == nil {
		t.Fatal("expected an authentication error")
	}
	form := "grant_type=client_credentials&client_id=" + emulator.DefaultClientID + "&client_secret=nope&scope=https%3A%2F%2Fmanagement.core.windows.net%2F%2F.default"
	req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/"+srv.TenantID()+"/oauth2/v2.0/token", stringsReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
