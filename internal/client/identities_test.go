package client_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func TestGetUserAssignedIdentity(t *testing.T) {
	const uaiPath = "/subscriptions/" + sub + "/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai1"
	tr := newTransport(t, reply(200, `{"id":"`+uaiPath+`","name":"uai1","location":"eastus","properties":{"tenantId":"t","principalId":"p","clientId":"c"}}`))
	c, _ := newClient(t, tr)
	id, err := client.ParseUserAssignedIdentityID(uaiPath)
	if err != nil || id.String() != uaiPath {
		t.Fatalf("ParseUserAssignedIdentityID = %+v, %v", id, err)
	}
	got, err := c.GetUserAssignedIdentity(ctxTimeout(t, 10*time.Second), id)
	if err != nil || *got.Properties.ClientID != "c" || *got.Properties.PrincipalID != "p" || *got.Properties.TenantID != "t" {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	wantRequest(t, tr.requests()[0], http.MethodGet, uaiPath, client.ManagedIdentityAPIVersion)
	if _, err := client.ParseUserAssignedIdentityID(accountID); err == nil {
		t.Error("an account ID is not a user-assigned identity ID")
	}
}
