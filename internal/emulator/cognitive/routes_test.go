package cognitive_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/cognitive"
)

// TestRoutesAreSpecPaths checks that every route is a path of the 2026-09-01 specification (with the method, when
// the route names one), so that a Validator finds the operation of each request by its template.
func TestRoutesAreSpecPaths(t *testing.T) {
	var spec struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(armspec.Spec(), &spec); err != nil {
		t.Fatal(err)
	}
	for _, rt := range cognitive.RouteTemplates(cognitive.New(cognitive.Config{})) {
		ops, ok := spec.Paths[rt.Path]
		if !ok {
			t.Errorf("%s is not a path of the specification", rt.Path)
			continue
		}
		if _, ok := ops[strings.ToLower(rt.Method)]; rt.Method != "" && !ok {
			t.Errorf("%s %s is not an operation of the specification", rt.Method, rt.Path)
		}
	}
}

// TestValidatorRunsBeforeTheType checks the seam of the write pipeline: the Validator sees the matched route with
// its parameters and the body, and its error is the answer before any rule of the type runs.
func TestValidatorRunsBeforeTheType(t *testing.T) {
	var got cognitive.Operation
	var body map[string]any
	s := cognitive.New(cognitive.Config{Validate: func(op cognitive.Operation) ([]byte, *arm.Error) {
		got = op
		b, e := op.Body()
		if e != nil {
			t.Fatal(e)
		}
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatal(err)
		}
		return nil, arm.Errorf(http.StatusBadRequest, "SpecViolation", "no")
	}})
	path := "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.CognitiveServices/accounts/acc-1/projects/prj-1"
	r := httptest.NewRequest(http.MethodPut, path+"?api-version="+cognitive.APIVersion, strings.NewReader(`{"location":"eastus"}`))
	sub := &arm.Subscription{ID: "sub-1", Groups: map[string]arm.Group{"rg-1": {Name: "rg-1", Location: "eastus"}}}
	router := &arm.Router{Subscriptions: arm.Subscriptions{"sub-1": sub}, Namespaces: []arm.Namespace{s.Namespace()}}
	e := router.Serve(&arm.Call{W: httptest.NewRecorder(), R: r, PageSize: 100})
	if e == nil || e.Code != "SpecViolation" {
		t.Fatalf("answer = %v, want the validator's error (the project rules would answer ParentResourceNotFound)", e)
	}
	want := cognitive.GroupPrefix + "accounts/{accountName}/projects/{projectName}"
	if got.Method != http.MethodPut || got.Template != want {
		t.Errorf("operation = %s %s, want PUT %s", got.Method, got.Template, want)
	}
	for k, v := range map[string]string{"subscriptionId": "sub-1", "resourceGroupName": "rg-1", "accountName": "acc-1", "projectName": "prj-1"} {
		if got.Params[k] != v {
			t.Errorf("params[%s] = %q, want %q", k, got.Params[k], v)
		}
	}
	if body["location"] != "eastus" {
		t.Errorf("body = %v", body)
	}
}
