// Package project manages Foundry projects (Microsoft.CognitiveServices/accounts/projects).
package project

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/locks"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

const (
	object      = "project"
	importShape = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/projects/{project}"
)

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("project", resourceidentity.Account+"/projects/{name}")

var (
	_ resource.ResourceWithConfigure      = (*projectResource)(nil)
	_ resource.ResourceWithImportState    = (*projectResource)(nil)
	_ resource.ResourceWithIdentity       = (*projectResource)(nil)
	_ resource.ResourceWithMoveState      = (*projectResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*projectResource)(nil)
	_ resource.ResourceWithValidateConfig = (*projectResource)(nil)
)

type projectResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_project resource.
func NewResource() resource.Resource { return &projectResource{} }

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (r *projectResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *projectResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *projectResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m projectModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	identity.Validate(m.Identity, &resp.Diagnostics)
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan projectModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewProjectID(account, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())

	location := plan.Location.ValueString()
	if plan.Location.IsUnknown() {
		acc, err := r.Data.Client.GetAccount(ctx, account)
		if err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "account", account.String(), err, projectHints))
			return
		}
		location = framework.Deref(acc.Location)
	}
	body, d := expandProject(ctx, plan.projectAttributes, location)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	// One write at a time per account, as the service requires.
	unlock, ok := crud.Lock(ctx, account.String(), diagnostics.Creating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_project", Object: object, ID: id.String(), Parent: account.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			p, err := r.Data.Client.GetProject(ctx, id)
			return crud.OriginOf(p.SystemData), err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	poller, err := r.Data.Client.BeginCreateOrUpdateProject(ctx, id, body)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, projectHints))
		return
	}
	// Track the project before the long wait: a failed or interrupted create leaves it tainted, not leaked.
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", plan.AccountID, id.Name)...)
	// The operation's result is the project as it ends (client.Wait): no read after it (issue 18).
	got, err := client.Wait(ctx, r.Data.Client, poller)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, projectHints))
		return
	}
	if resp.Diagnostics.Append(flattenProject(ctx, id, got, &plan.projectAttributes)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state projectModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseProjectID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.ReadProject(ctx, id) // from the account's list in a refresh (client.ReadProject)
	if crud.RemoveIfGone(ctx, err, &resp.State, "Project") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, projectHints))
		return
	}
	resp.Diagnostics.Append(flattenProject(ctx, id, got, &state.projectAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan projectModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(plan.ID.ValueString(), client.ParseProjectID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandProject(ctx, plan.projectAttributes, plan.Location.ValueString())
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), diagnostics.Updating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// A full PUT of the configuration, as for accounts: tags and identity removed in the configuration go away too.
	poller, err := r.Data.Client.BeginCreateOrUpdateProject(ctx, id, body)
	var got client.Project
	if err == nil {
		got, err = client.Wait(ctx, r.Data.Client, poller)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, object, id.String(), err, projectHints))
		return
	}
	if resp.Diagnostics.Append(flattenProject(ctx, id, got, &plan.projectAttributes)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseProjectID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	lro, err := r.deleteOnce(ctx, id)
	if client.ErrorCode(err) == codeDefaultProject {
		lro, err = r.deleteAfterOtherProjects(ctx, id, err)
	}
	if client.IsNotFound(err) || err == nil && lro {
		return // gone, or the delete operation reported success: no read confirms it (issue 18)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), err, projectHints))
		return
	}
	// A delete answered at once is only accepted: report success once a read says the project is gone, so that the
	// account's delete is not refused next.
	if err := crud.WaitGone(ctx, crud.Exists(id, r.Data.Client.GetProject, object)); err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), err, projectHints))
	}
}

// deleteOnce deletes the project under the account's write lock and waits for the operation; lro reports whether
// there was one (crud.Begin).
func (r *projectResource) deleteOnce(ctx context.Context, id client.ProjectID) (lro bool, err error) {
	unlock, err := locks.Hold(ctx, id.AccountID.String())
	if err != nil {
		return false, err
	}
	defer unlock()
	return crud.Begin(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteProject)
}

// codeDefaultProject is the ARM error code of a delete of the account's default project while it has others.
const codeDefaultProject = "CannotDeleteDefaultProject"

// projectHints say what to do when the service still refuses to delete the default project.
var projectHints = diagnostics.Codes{
	codeDefaultProject: "The account's default project (the first one created) can only be deleted after its other projects. " +
		"When the other projects are destroyed in the same run, the provider waits for them and deletes it last. " +
		"Destroy the other projects of the account first, or keep this one.",
}

// deleteAfterOtherProjects deletes the account's default project once its other projects are gone. Terraform
// destroys sibling projects in parallel and in any order, so the default one is often refused first; while the
// others are disappearing (or deleting) it waits on the polling schedule and tries again, bounded by the delete
// timeout. When no other project has gone for waits.delete_ordering, they are not being destroyed: it fails with an
// error naming them and the service's refusal.
func (r *projectResource) deleteAfterOtherProjects(ctx context.Context, id client.ProjectID, refused error) (lro bool, err error) {
	var others int
	var names []string
	run := waits.Stall(ctx, waits.DeleteOrdering, r.Data.Waits.DeleteOrdering,
		"the account's other projects to be deleted before its default project "+id.Name)
	err = poll.Until(ctx, func(ctx context.Context) (bool, error) {
		projects, err := r.Data.Client.ListProjects(ctx, id.AccountID)
		if err != nil {
			return false, err
		}
		n, deleting := 0, false
		names = names[:0]
		for _, p := range projects {
			if p.Name == nil || strings.EqualFold(*p.Name, id.Name) {
				continue
			}
			n++
			names = append(names, *p.Name)
			if p.Properties != nil && p.Properties.ProvisioningState != nil && *p.Properties.ProvisioningState == client.ProvisioningStateDeleting {
				deleting = true
			}
		}
		if n > 0 {
			if n < others || deleting {
				run.Progressed()
			}
			others = n
			run.Pending("projects " + strings.Join(names, ", "))
			if run.Stalled() {
				return false, run.Exceeded(refused)
			}
			return false, nil
		}
		lro, refused = r.deleteOnce(ctx, id)
		if client.ErrorCode(refused) == codeDefaultProject {
			return false, nil // a project appeared meanwhile: wait for it too
		}
		return true, refused
	}, run.OnWait)
	var te *poll.TimeoutError
	if errors.As(err, &te) {
		return false, refused // the delete timeout ended the wait: report the service's refusal, with its code
	}
	return lro, err
}

func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseProjectID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", id.AccountID.String(), id.Name)...)
}
