package client_test

import (
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	sub       = "00000000-1111-2222-3333-444444444444"
	accountID = "/subscriptions/" + sub + "/resourceGroups/myRG/providers/Microsoft.CognitiveServices/accounts/myAccount"
	projectID = accountID + "/projects/myProject"
)

func TestParseAccountID(t *testing.T) {
	got, err := client.ParseAccountID("/SUBSCRIPTIONS/" + sub + "/resourcegroups/myRG/PROVIDERS/microsoft.cognitiveservices/Accounts/myAccount")
	if err != nil {
		t.Fatal(err)
	}
	want := client.NewAccountID(sub, "myRG", "myAccount")
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if got.String() != accountID {
		t.Fatalf("String() = %q, want canonical %q", got.String(), accountID)
	}
}

func TestParseAccountID_invalid(t *testing.T) {
	for name, in := range map[string]string{
		"empty":            "",
		"no leading slash": strings.TrimPrefix(accountID, "/"),
		"wrong provider":   "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/accounts/a",
		"wrong type":       "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/workspaces/a",
		"missing name":     "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts",
		"missing rg":       "/subscriptions/s/providers/Microsoft.CognitiveServices/accounts/a",
		"trailing slash":   accountID + "/",
		"empty name":       "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/",
		"empty sub":        "/subscriptions//resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a",
		"double slash":     "/subscriptions/s//resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a",
		"extra segments":   projectID,
		"project id":       accountID + "/projects/p",
		"resource group":   "/subscriptions/s/resourceGroups/rg",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := client.ParseAccountID(in)
			if err == nil {
				t.Fatalf("ParseAccountID(%q) succeeded", in)
			}
			if !strings.Contains(err.Error(), "/providers/Microsoft.CognitiveServices/accounts/account1") {
				t.Fatalf("error does not show an example: %v", err)
			}
		})
	}
}

func TestParseProjectID(t *testing.T) {
	got, err := client.ParseProjectID(strings.ToLower(projectID[:60]) + projectID[60:])
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "myProject" || got.Account() != client.NewAccountID(sub, "myRG", "myAccount") {
		t.Fatalf("got %+v", got)
	}
	if got.String() != projectID {
		t.Fatalf("String() = %q", got.String())
	}
	for _, bad := range []string{accountID, projectID + "/", projectID + "/connections/c", accountID + "/deployments/d", accountID + "/projects/"} {
		if _, err := client.ParseProjectID(bad); err == nil {
			t.Errorf("ParseProjectID(%q) succeeded", bad)
		}
	}
}

func TestParseDeletedAccountID(t *testing.T) {
	in := "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/resourceGroups/myRG/deletedAccounts/myAccount"
	got, err := client.ParseDeletedAccountID(strings.ToUpper(in[:15]) + in[15:])
	if err != nil {
		t.Fatal(err)
	}
	want := client.NewAccountID(sub, "myRG", "myAccount").Deleted("westus")
	if got != want || got.String() != in || got.Account() != client.NewAccountID(sub, "myRG", "myAccount") {
		t.Fatalf("got %+v (%s)", got, got)
	}
	if _, err := client.ParseDeletedAccountID(accountID); err == nil {
		t.Fatal("an account ID parsed as a deleted account ID")
	}
}

func TestParseResourceGroupID(t *testing.T) {
	got, err := client.ParseResourceGroupID("/subscriptions/s/resourcegroups/My-RG")
	if err != nil {
		t.Fatal(err)
	}
	if got != (client.ResourceGroupID{SubscriptionID: "s", Name: "My-RG"}) || got.String() != "/subscriptions/s/resourceGroups/My-RG" {
		t.Fatalf("got %+v", got)
	}
	if _, err := client.ParseResourceGroupID("/subscriptions/s/resourceGroups/rg/"); err == nil {
		t.Fatal("trailing slash accepted")
	}
}

func FuzzParseAccountID(f *testing.F) {
	for _, s := range []string{accountID, projectID, "", "/", accountID + "/", "/subscriptions/a/resourceGroups/b/providers/microsoft.cognitiveservices/ACCOUNTS/c d%2F"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := client.ParseAccountID(s)
		if err != nil {
			return
		}
		again, err := client.ParseAccountID(id.String())
		if err != nil {
			t.Fatalf("String() of a parsed ID does not parse: %q: %v", id.String(), err)
		}
		if again != id {
			t.Fatalf("round trip changed the ID: %+v -> %+v", id, again)
		}
	})
}

func FuzzParseProjectID(f *testing.F) {
	for _, s := range []string{projectID, accountID, projectID + "/", strings.ToUpper(projectID)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := client.ParseProjectID(s)
		if err != nil {
			return
		}
		again, err := client.ParseProjectID(id.String())
		if err != nil {
			t.Fatalf("String() of a parsed ID does not parse: %q: %v", id.String(), err)
		}
		if again != id {
			t.Fatalf("round trip changed the ID: %+v -> %+v", id, again)
		}
	})
}

const deploymentID = accountID + "/deployments/myDeployment"

func TestParseDeploymentID(t *testing.T) {
	account := client.NewAccountID(sub, "myRG", "myAccount")
	for name, in := range map[string]string{
		"canonical":  deploymentID,
		"lower case": "/subscriptions/" + sub + "/resourcegroups/myRG/providers/microsoft.cognitiveservices/accounts/myAccount/deployments/myDeployment",
		"upper case": "/SUBSCRIPTIONS/" + sub + "/RESOURCEGROUPS/myRG/PROVIDERS/MICROSOFT.COGNITIVESERVICES/ACCOUNTS/myAccount/Deployments/myDeployment",
	} {
		t.Run(name, func(t *testing.T) {
			got, err := client.ParseDeploymentID(in)
			if err != nil {
				t.Fatal(err)
			}
			if got != client.NewDeploymentID(account, "myDeployment") || got.Account() != account {
				t.Fatalf("got %+v", got)
			}
			if got.String() != deploymentID {
				t.Fatalf("String() = %q, want canonical %q", got.String(), deploymentID)
			}
		})
	}
}

func TestParseDeploymentID_invalid(t *testing.T) {
	for name, in := range map[string]string{
		"empty":            "",
		"no leading slash": strings.TrimPrefix(deploymentID, "/"),
		"account id":       accountID,
		"project id":       projectID,
		"trailing slash":   deploymentID + "/",
		"empty name":       accountID + "/deployments/",
		"empty account":    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts//deployments/d",
		"wrong child":      accountID + "/raiPolicies/d",
		"child of it":      deploymentID + "/skus/x",
		"wrong provider":   "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/accounts/a/deployments/d",
		"project scope":    projectID + "/deployments/d",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := client.ParseDeploymentID(in)
			if err == nil {
				t.Fatalf("ParseDeploymentID(%q) succeeded", in)
			}
			if !strings.Contains(err.Error(), "/accounts/{account}/deployments/{deployment}") ||
				!strings.Contains(err.Error(), "/accounts/account1/deployments/deployment1") {
				t.Fatalf("error does not show the expected shape and an example: %v", err)
			}
		})
	}
}

func FuzzParseDeploymentID(f *testing.F) {
	for _, s := range []string{
		deploymentID, accountID, projectID, deploymentID + "/", strings.ToUpper(deploymentID), "", "/",
		"/subscriptions/a/resourceGroups/b/providers/microsoft.cognitiveservices/ACCOUNTS/c/deployments/d e%2F",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := client.ParseDeploymentID(s)
		if err != nil {
			return
		}
		again, err := client.ParseDeploymentID(id.String())
		if err != nil {
			t.Fatalf("String() of a parsed ID does not parse: %q: %v", id.String(), err)
		}
		if again != id {
			t.Fatalf("round trip changed the ID: %+v -> %+v", id, again)
		}
	})
}
