package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// The spec's x-ms-examples (internal/armspec, carried in the repository) served to the
// operations: every example response body must decode into the typed models, strictly (no field the models lack),
// with the key fields set.

func readExampleFile(file string) ([]byte, error) {
	return fs.ReadFile(armspec.Examples(), file)
}

// exampleResponse returns the 200 response body of an example file, checking its operationId.
func exampleResponse(t *testing.T, file, operationID string) string {
	t.Helper()
	raw, err := readExampleFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		OperationID string `json:"operationId"`
		Responses   map[string]struct {
			Body json.RawMessage `json:"body"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(raw, &ex); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if ex.OperationID != operationID {
		t.Fatalf("%s is the example of %s, not %s", file, ex.OperationID, operationID)
	}
	body := ex.Responses["200"].Body
	if len(body) == 0 {
		t.Fatalf("%s has no 200 body", file)
	}
	return string(body)
}

// decodeStrict decodes body into v, failing on fields v has no place for.
func decodeStrict(t *testing.T, body string, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("the typed model lacks a field of the example: %v", err)
	}
}

type listBody[T any] struct {
	Value    []T     `json:"value"`
	NextLink *string `json:"nextLink"`
}

// serve answers one request with body and returns what op returned.
func serve[T any](t *testing.T, body string, op func(context.Context, *client.Client) (T, error)) T {
	t.Helper()
	tr := newTransport(t, reply(200, body))
	c, _ := newClient(t, tr)
	got, err := op(ctxTimeout(t, 10*time.Second), c)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestExamples_GetDeployment(t *testing.T) {
	body := exampleResponse(t, "GetDeployment.json", "Deployments_Get")
	decodeStrict(t, body, new(client.Deployment))
	got := serve(t, body, func(ctx context.Context, c *client.Client) (client.Deployment, error) {
		return c.GetDeployment(ctx, testDeploymentID())
	})
	p := got.Properties
	id, err := client.ParseDeploymentID(*got.ID)
	if err != nil || id.Name != "deploymentName" || *got.Name != "deploymentName" || *got.SKU.Name != "Standard" || *got.SKU.Capacity != 1 ||
		*p.ProvisioningState != client.DeploymentProvisioningStateSucceeded || *p.DeploymentState != client.DeploymentStateRunning ||
		*p.ServiceTier != client.DeploymentServiceTierDefault || *p.Model.Name != "ada" || *p.Model.Format != "OpenAI" || *p.Model.Version != "1" {
		t.Errorf("decoded %s (ID parse: %v)", mustJSON(t, got), err)
	}
}

func TestExamples_ListDeployments(t *testing.T) {
	body := exampleResponse(t, "ListDeployments.json", "Deployments_List")
	decodeStrict(t, body, new(listBody[client.Deployment]))
	got := serve(t, body, func(ctx context.Context, c *client.Client) ([]client.Deployment, error) {
		return c.ListDeployments(ctx, testAccountID())
	})
	if len(got) != 1 || *got[0].Name != "deploymentName" || *got[0].Properties.Model.Name != "ada" {
		t.Errorf("decoded %s", mustJSON(t, got))
	}
}

func TestExamples_deploymentActions(t *testing.T) {
	for file, tc := range map[string]struct {
		operationID string
		op          func(context.Context, *client.Client) (client.Deployment, error)
		state       client.DeploymentState
	}{
		"PauseDeployment.json": {"Deployments_Pause", func(ctx context.Context, c *client.Client) (client.Deployment, error) {
			return c.PauseDeployment(ctx, testDeploymentID())
		}, client.DeploymentStatePaused},
		"ResumeDeployment.json": {"Deployments_Resume", func(ctx context.Context, c *client.Client) (client.Deployment, error) {
			return c.ResumeDeployment(ctx, testDeploymentID())
		}, client.DeploymentStateRunning},
	} {
		t.Run(file, func(t *testing.T) {
			body := exampleResponse(t, file, tc.operationID)
			decodeStrict(t, body, new(client.Deployment))
			got := serve(t, body, tc.op)
			if *got.Properties.DeploymentState != tc.state || *got.Properties.Model.Name != "gpt-4" {
				t.Errorf("decoded %s", mustJSON(t, got))
			}
		})
	}
}

func TestExamples_PutDeploymentRequest(t *testing.T) {
	// The example's request body decodes strictly and re-encodes to the same JSON.
	raw, err := readExampleFile("PutDeployment.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		Parameters struct {
			Deployment json.RawMessage `json:"deployment"`
		} `json:"parameters"`
	}
	mustUnmarshal(t, string(raw), &ex)
	var d client.Deployment
	decodeStrict(t, string(ex.Parameters.Deployment), &d)
	var want, got any
	mustUnmarshal(t, string(ex.Parameters.Deployment), &want)
	mustUnmarshal(t, mustJSON(t, d), &got)
	if mustJSON(t, want) != mustJSON(t, got) {
		t.Errorf("re-encoded %s\nwant         %s", mustJSON(t, got), mustJSON(t, want))
	}
}

func TestExamples_GetProject(t *testing.T) {
	body := exampleResponse(t, "GetProject.json", "Projects_Get")
	decodeStrict(t, body, new(client.Project))
	got := serve(t, body, func(ctx context.Context, c *client.Client) (client.Project, error) {
		return c.GetProject(ctx, testProjectID())
	})
	p := got.Properties
	id, err := client.ParseProjectID(*got.ID)
	if err != nil || id.Name != "myProject" || *got.Location != "westus" || got.Tags["Owner"] != "felixwa" || *got.Etag == "" ||
		*p.DisplayName != "myProject" || *p.Description != "This is my project" || *p.IsDefault ||
		*p.ProvisioningState != client.ProvisioningStateSucceeded || len(p.Endpoints) != 2 {
		t.Errorf("decoded %s (ID parse: %v)", mustJSON(t, got), err)
	}
}

func TestExamples_ListProjects(t *testing.T) {
	body := exampleResponse(t, "ListProjects.json", "Projects_List")
	decodeStrict(t, body, new(listBody[client.Project]))
	got := serve(t, body, func(ctx context.Context, c *client.Client) ([]client.Project, error) {
		return c.ListProjects(ctx, testAccountID())
	})
	if len(got) != 2 || *got[1].Name != "myProject-2" || !*got[0].Properties.IsDefault || got[1].Tags == nil || len(got[1].Tags) != 0 {
		t.Errorf("decoded %s", mustJSON(t, got))
	}
}

func TestExamples_ListAccountModels(t *testing.T) {
	body := exampleResponse(t, "ListAccountModels.json", "Accounts_ListModels")
	decodeStrict(t, body, new(listBody[client.AccountModel]))
	got := serve(t, body, func(ctx context.Context, c *client.Client) ([]client.AccountModel, error) {
		return c.ListAccountModels(ctx, testAccountID())
	})
	if len(got) != 6 {
		t.Fatalf("%d models, want 6", len(got))
	}
	ada, gpt4o, ft := got[0], got[3], got[5]
	if *ada.Name != "ada.1" || *ada.Format != "OpenAI" || *ada.Version != "1" || *ada.BaseModel.Name != "ada" || *ada.IsDefaultVersion ||
		*ada.MaxCapacity != 10 || ada.Capabilities["fineTune"] != "true" || *ada.Deprecation.FineTune != "2024-01-01T00:00:00Z" ||
		*ada.Deprecation.DeprecationStatus != string(client.DeprecationStatusPlanned) || *ada.LifecycleStatus != client.ModelLifecycleStatusLegacy ||
		*ada.SystemData.CreatedByType != client.CreatedByTypeApplication {
		t.Errorf("ada decoded as %s", mustJSON(t, ada))
	}
	if rc := gpt4o.ReplacementConfig; rc == nil || *rc.TargetModelName != "gpt-4.1" || *rc.TargetModelVersion != "2025-04-14" ||
		*rc.AutoUpgradeStartDate != "2025-03-26T07:00:00Z" || *rc.UpgradeOnExpiryLeadTimeDays != 7 ||
		*gpt4o.LifecycleStatus != client.ModelLifecycleStatusDeprecating || *gpt4o.ModelCatalogAssetID == "" {
		t.Errorf("gpt-4o decoded as %s", mustJSON(t, gpt4o))
	}
	if ft.FinetuneCapabilities["scaleType"] != "Manual" {
		t.Errorf("fine-tunable gpt-4o decoded as %s", mustJSON(t, ft))
	}
}

func TestExamples_ListLocationModels(t *testing.T) {
	body := exampleResponse(t, "ListLocationModels.json", "Models_List")
	decodeStrict(t, body, new(listBody[client.Model]))
	got := serve(t, body, func(ctx context.Context, c *client.Client) ([]client.Model, error) {
		return c.ListLocationModels(ctx, sub, "WestUS")
	})
	if len(got) != 6 {
		t.Fatalf("%d models, want 6", len(got))
	}
	turbo := got[2]
	m := turbo.Model
	if *turbo.Kind != "OpenAI" || *turbo.SKUName != "S0" || *m.Name != "gpt-35-turbo" || *m.Version != "0301" || len(m.SKUs) != 2 ||
		*m.SKUs[0].Name != "Standard" || *m.SKUs[0].UsageName != "OpenAI.Standard.gpt-35-turbo" ||
		*m.SKUs[0].DeprecationDate != "2025-02-13T00:00:00Z" || *m.SKUs[0].Capacity.Default != 120 ||
		*m.SKUs[0].Capacity.Maximum != 1000000 || m.SKUs[0].Capacity.Minimum != nil ||
		*m.SKUs[1].Capacity.Step != 100 || *m.SKUs[1].Capacity.Minimum != 300 {
		t.Errorf("gpt-35-turbo decoded as %s", mustJSON(t, turbo))
	}
	if llama := got[4]; *llama.Kind != "AIServices" || *llama.Model.Format != "Meta" || llama.Model.Deprecation.DeprecationStatus != nil {
		t.Errorf("Llama decoded as %s", mustJSON(t, llama))
	}
}

func TestExamples_usages(t *testing.T) {
	for file, tc := range map[string]struct {
		operationID string
		op          func(context.Context, *client.Client) ([]client.Usage, error)
		check       func(client.Usage) bool
	}{
		"GetUsages.json": {"Accounts_ListUsages", func(ctx context.Context, c *client.Client) ([]client.Usage, error) {
			return c.ListAccountUsages(ctx, testAccountID(), "")
		}, func(u client.Usage) bool {
			return *u.Name.Value == "Face.Transactions" && *u.Name.LocalizedValue == "Face.Transactions" && *u.CurrentValue == 3 &&
				*u.Limit == 30000 && *u.NextResetTime == "2018-03-28T09:33:51Z" && *u.QuotaPeriod == "30.00:00:00" &&
				*u.Status == string(client.QuotaUsageStatusIncluded) && *u.Unit == string(client.UnitTypeCount) &&
				*u.ScopeType == string(client.QuotaScopeTypeRegional) && *u.ScopeID == "eastus"
		}},
		"ListUsages.json": {"Usages_List", func(ctx context.Context, c *client.Client) ([]client.Usage, error) {
			return c.ListUsages(ctx, sub, "WestUS", "")
		}, func(u client.Usage) bool {
			return *u.Name.Value == "AccountCount" && *u.Limit == 200 && *u.CurrentValue == 3 && *u.ScopeID == "westus" && u.Status == nil
		}},
	} {
		t.Run(file, func(t *testing.T) {
			body := exampleResponse(t, file, tc.operationID)
			decodeStrict(t, body, new(listBody[client.Usage]))
			got := serve(t, body, tc.op)
			if len(got) != 1 || !tc.check(got[0]) {
				t.Errorf("decoded %s", mustJSON(t, got))
			}
		})
	}
}

// TestExamples_everyResponseDecodes decodes every response body of the deployment and project examples strictly.
func TestExamples_everyResponseDecodes(t *testing.T) {
	for file, into := range map[string]func() any{
		"PutDeployment.json":    func() any { return new(client.Deployment) },
		"UpdateDeployment.json": func() any { return new(client.Deployment) },
		"CreateProject.json":    func() any { return new(client.Project) },
		"CreateProjectMin.json": func() any { return new(client.Project) },
		"UpdateProjects.json":   func() any { return new(client.Project) },
	} {
		t.Run(file, func(t *testing.T) {
			raw, err := readExampleFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var ex struct {
				Responses map[string]struct {
					Body json.RawMessage `json:"body"`
				} `json:"responses"`
			}
			mustUnmarshal(t, string(raw), &ex)
			n := 0
			for status, r := range ex.Responses {
				if len(r.Body) == 0 {
					continue
				}
				n++
				v := into()
				decodeStrict(t, string(r.Body), v)
				if b := mustJSON(t, v); !bytes.Contains([]byte(b), []byte(`"provisioningState"`)) {
					t.Errorf("%s: decoded %s", status, b)
				}
			}
			if n == 0 {
				t.Fatal("no response bodies")
			}
		})
	}
}
