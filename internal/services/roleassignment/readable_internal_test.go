package roleassignment

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

type staticToken struct{}

func (staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: "t", ExpiresOn: time.Now().Add(time.Hour)}, nil
}

type notFound struct{}

func (notFound) Do(req *http.Request) (*http.Response, error) {
	body := `{"error":{"code":"RoleAssignmentNotFound","message":"not there yet"}}`
	return &http.Response{StatusCode: http.StatusNotFound, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewBufferString(body)), Request: req}, nil
}

// A role assignment that stays unreadable until the create timeout ends is reported as such. Found in the issue 11
// refactor: the wait borrowed the delete's "wait until gone" and said the assignment was "still present".
func TestWaitReadableTimeout(t *testing.T) {
	c, err := client.New(client.Options{Credential: staticToken{}, Transport: notFound{}, DisableRPRegistration: true,
		Cloud: cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: "https://management.example.test", Audience: "https://management.example.test"},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	r := &assignmentResource{providerdata.ResourceBase{Data: providerdata.New(c, "s", providerdata.Features{}, providerdata.DefaultWaits())}}
	id, err := client.ParseRoleAssignmentID("/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a" +
		"/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-000000000001")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	diags := r.waitReadable(ctx, id)
	if !diags.HasError() {
		t.Fatal("want an error")
	}
	if d := diags.Errors()[0].Detail(); !strings.Contains(d, "for the new role assignment to be readable in ARM") ||
		!strings.Contains(d, "the resource's timeout ended first") || strings.Contains(d, "still present") {
		t.Errorf("detail = %q", d)
	}

	// Issue 13: the wait has its own bound, far below the resource's timeout, and says which setting sets it.
	r.Data.Waits.RolePropagation = 200 * time.Millisecond
	long, cancelLong := context.WithTimeout(t.Context(), time.Minute)
	defer cancelLong()
	start := time.Now()
	diags = r.waitReadable(long, id)
	if !diags.HasError() || time.Since(start) > 10*time.Second {
		t.Fatalf("want an error within the bound, got %v after %s", diags, time.Since(start))
	}
	if d := diags.Errors()[0].Detail(); !strings.Contains(d, "set by waits.role_propagation passed") || !strings.Contains(d, "RoleAssignmentNotFound: not there yet") {
		t.Errorf("detail = %q", d)
	}
}
