package capabilityhost

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/projecthost"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	projectObject      = "project capability host"
	projectImportShape = projectExample + "/capabilityHosts/{name}"
)

// projectIdentity is the resource identity: the pieces of the ID.
var projectIdentity = resourceidentity.New("project capability host", resourceidentity.Project+"/capabilityHosts/{name}")

var (
	_ resource.ResourceWithConfigure   = (*projectHostResource)(nil)
	_ resource.ResourceWithImportState = (*projectHostResource)(nil)
	_ resource.ResourceWithIdentity    = (*projectHostResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectHostResource)(nil)
)

type projectHostResource struct{ providerdata.ResourceBase }

// NewProjectResource returns the foundry_project_capability_host resource.
func NewProjectResource() resource.Resource { return &projectHostResource{} }

func (r *projectHostResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_capability_host"
}

func (r *projectHostResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = projectSchema(ctx)
}

func (r *projectHostResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	projectIdentity.Schema(ctx, req, resp)
}

// ModifyPlan refuses, for a create, a second capability host in a project (one Azure has under another name, or one
// more in this plan) and connection names that name no connection of the project or its account (in Azure or in
// this plan).
func (r *projectHostResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	var plan projectHostModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	if plan.ProjectID.IsUnknown() || plan.Name.IsUnknown() {
		return
	}
	project, err := client.ParseProjectID(plan.ProjectID.ValueString())
	if err != nil {
		return
	}
	claimScope(r.Data, "project", project.String(), plan.Name.ValueString(), &resp.Diagnostics)
	checkConnections(ctx, r.Data, project.AccountID, &project, plan.connectionsModel, &resp.Diagnostics)
	hosts, err := r.Data.Client.ListProjectCapabilityHosts(ctx, project)
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("project's capability hosts", "project", project.String(), err))
		return
	}
	body, _ := expandProjectHost(ctx, plan)
	existing := make([]existingHost, 0, len(hosts))
	for _, h := range hosts {
		existing = append(existing, existingHost{name: framework.Deref(h.Name), sameSettings: sameProjectHost(body, h)})
	}
	checkScopeFree(ctx, "project", project.String(), plan.Name.ValueString(), existing, &resp.Diagnostics)
}

func (r *projectHostResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer projectIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan projectHostModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, DefaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	project, err := client.ParseProjectID(plan.ProjectID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("project_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewProjectCapabilityHostID(project, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandProjectHost(ctx, plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_project_capability_host", Object: projectObject, ID: id.String(), Parent: project.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			h, err := r.Data.Client.GetProjectCapabilityHost(ctx, id)
			return crud.OriginOf(h.SystemData), err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	// Track the host before the long wait: a failed or interrupted create leaves it tainted, not leaked.
	got, err := projecthost.Create(ctx, r.Data.Client, id, body, func() {
		resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "project_id", plan.ProjectID, id.Name)...)
	})
	if err != nil {
		resp.Diagnostics.Append(createError(id, err))
		return
	}
	flattenProjectHost(id, got, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *projectHostResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer projectIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state projectHostModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseProjectCapabilityHostID, projectObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.ReadProjectCapabilityHost(ctx, id) // from the project's list in a refresh
	if crud.RemoveIfGone(ctx, err, &resp.State, "Project capability host") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, projectObject, id.String(), err))
		return
	}
	flattenProjectHost(id, got, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update only records new timeouts: every argument forces replacement.
func (r *projectHostResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer projectIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	recordTimeouts[projectHostModel](ctx, req, resp)
}

func (r *projectHostResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectHostModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, DefaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseProjectCapabilityHostID, projectObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	if err := projecthost.Delete(ctx, r.Data.Client, id); err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, projectObject, id.String(), err))
	}
}

func (r *projectHostResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := projectIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer projectIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseProjectCapabilityHostID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, projectImportShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "project_id", id.ProjectID.String(), id.Name)...)
}

func createError(id client.ProjectCapabilityHostID, err error) diag.Diagnostic {
	var te *projecthost.TakenError
	if errors.As(err, &te) {
		return taken(path.Root("name"), "project", id.ProjectID.String(), te.Existing)
	}
	return diagnostics.APIError(diagnostics.Creating, projectObject, id.String(), err, hostConflict, hints.ProjectCapabilityHosts)
}
