// Package agent manages versioned Foundry prompt agents on a project's data plane and reads agents and project
// endpoints.
package agent

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	object      = "agent"
	importShape = "<project ID>/agents/{agent}, i.e. /subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/projects/{project}/agents/{agent}"
)

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("agent", resourceidentity.Project+"/agents/{name}")

var (
	_ resource.ResourceWithConfigure      = (*agentResource)(nil)
	_ resource.ResourceWithImportState    = (*agentResource)(nil)
	_ resource.ResourceWithIdentity       = (*agentResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*agentResource)(nil)
	_ resource.ResourceWithValidateConfig = (*agentResource)(nil)
)

type agentResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_agent resource.
func NewResource() resource.Resource { return &agentResource{} }

func (r *agentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent"
}

func (r *agentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *agentResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *agentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan agentModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	pid, err := client.ParseProjectID(plan.ProjectID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("project_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.AgentID{ProjectID: pid, Name: plan.Name.ValueString()}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandAgentVersion(ctx, plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	pc, ok := r.project(ctx, id, diagnostics.Creating, &resp.Diagnostics)
	if !ok {
		return
	}
	unlock, ok := crud.Lock(ctx, id.String(), diagnostics.Creating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// "Create" on an existing name would silently add a version to someone else's agent: refuse instead, unless it is
	// this working directory's interrupted create, which is taken as it is (a new version would duplicate it).
	var existing client.Agent
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_agent", Object: object, ID: id.String(), Parent: pid.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			a, err := retryDenied(ctx, r.Data.Waits.RolePropagation, func(ctx context.Context) (client.Agent, error) { return pc.GetAgent(ctx, id.Name) })
			existing = a
			var o crud.Origin
			if v := a.Latest(); v != nil && v.CreatedAt > 0 {
				o.CreatedAt = time.Unix(v.CreatedAt, 0)
			}
			return o, err
		},
		ReadError: func(err error) diag.Diagnostic { return dataPlaneError(diagnostics.Creating, id, actionRead, err) },
	}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	var v client.AgentVersion
	if latest := existing.Latest(); claim.Adopted && latest != nil {
		v = *latest
	} else {
		v, err = retryDenied(ctx, r.Data.Waits.RolePropagation, func(ctx context.Context) (client.AgentVersion, error) {
			return pc.CreateAgentVersion(ctx, id.Name, body)
		})
		if err != nil {
			resp.Diagnostics.Append(dataPlaneError(diagnostics.Creating, id, actionWrite, err))
			return
		}
	}
	plan.ID = types.StringValue(id.String())
	resp.Diagnostics.Append(r.readAgentID(ctx, pc, id, &plan)...)
	resp.Diagnostics.Append(flattenVersion(v, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *agentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state agentModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAgentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	pc, err := r.Data.Client.Project(ctx, id.ProjectID)
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "The agent's project no longer exists; removing the agent from state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "project", id.ProjectID.String(), err))
		return
	}
	a, err := retryDenied(ctx, r.Data.Waits.RolePropagation, func(ctx context.Context) (client.Agent, error) { return pc.GetAgent(ctx, id.Name) })
	if crud.RemoveIfGone(ctx, err, &resp.State, "Agent") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(dataPlaneError(diagnostics.Reading, id, actionRead, err))
		return
	}
	if a.Latest() == nil {
		resp.Diagnostics.Append(diagnostics.Bug(fmt.Sprintf("Agent %q was returned without a latest version.", id.String())))
		return
	}
	state.ProjectID, state.Name, state.AgentID = types.StringValue(id.ProjectID.String()), types.StringValue(id.Name), types.StringValue(a.ID)
	if state.KeepVersions.IsNull() {
		state.KeepVersions = types.Int64Value(0)
	}
	resp.Diagnostics.Append(flattenVersion(*a.Latest(), &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update creates a new version when the definition, description or metadata changed, then prunes old versions.
func (r *agentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state agentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAgentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	pc, ok := r.project(ctx, id, diagnostics.Updating, &resp.Diagnostics)
	if !ok {
		return
	}
	unlock, ok := crud.Lock(ctx, id.String(), diagnostics.Updating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	changed, d := versionChanges(ctx, req.Plan, req.State)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	if changed {
		body, d := expandAgentVersion(ctx, plan)
		if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
			return
		}
		v, err := retryDenied(ctx, r.Data.Waits.RolePropagation, func(ctx context.Context) (client.AgentVersion, error) {
			return pc.CreateAgentVersion(ctx, id.Name, body)
		})
		if err != nil {
			resp.Diagnostics.Append(dataPlaneError(diagnostics.Updating, id, actionWrite, err))
			return
		}
		tflog.Debug(ctx, "Created a new agent version", map[string]any{"version": v.Version})
		resp.Diagnostics.Append(flattenVersion(v, &plan)...)
	} else {
		plan.Version, plan.LatestVersionID, plan.AgentID = state.Version, state.LatestVersionID, state.AgentID
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if n := plan.KeepVersions.ValueInt64(); n > 0 {
		resp.Diagnostics.Append(prune(ctx, pc, id, plan.Version.ValueString(), int(n), r.Data.Waits.RolePropagation)...)
	}
}

func (r *agentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state agentModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAgentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	pc, err := r.Data.Client.Project(ctx, id.ProjectID)
	if client.IsNotFound(err) {
		return // the project and its agents are gone
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, "project", id.ProjectID.String(), err))
		return
	}
	unlock, ok := crud.Lock(ctx, id.String(), diagnostics.Deleting, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	_, err = retryDenied(ctx, r.Data.Waits.RolePropagation, func(ctx context.Context) (struct{}, error) { return struct{}{}, pc.DeleteAgent(ctx, id.Name) })
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.Append(dataPlaneError(diagnostics.Deleting, id, actionDelete, err))
	}
}

func (r *agentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseAgentID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "project_id", id.ProjectID.String(), id.Name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("keep_versions"), int64(0))...)
}

// project opens the project's data plane (reading its endpoint from ARM).
func (r *agentResource) project(ctx context.Context, id client.AgentID, op diagnostics.Operation, diags *diag.Diagnostics) (*client.ProjectClient, bool) {
	pc, err := r.Data.Client.Project(ctx, id.ProjectID)
	if err != nil {
		diags.Append(diagnostics.AttributeAPIError(path.Root("project_id"), op, object, id.String(), err))
		return nil, false
	}
	return pc, true
}

// readAgentID fills agent_id from a GET of the agent (version responses do not carry it).
func (r *agentResource) readAgentID(ctx context.Context, pc *client.ProjectClient, id client.AgentID, m *agentModel) diag.Diagnostics {
	a, err := retryDenied(ctx, r.Data.Waits.RolePropagation, func(ctx context.Context) (client.Agent, error) { return pc.GetAgent(ctx, id.Name) })
	if err != nil {
		return diag.Diagnostics{dataPlaneError(diagnostics.Reading, id, actionRead, err)}
	}
	m.AgentID = types.StringValue(a.ID)
	return nil
}

// prune deletes the versions older than the newest keep, never the latest.
func prune(ctx context.Context, pc *client.ProjectClient, id client.AgentID, latest string, keep int, bound time.Duration) diag.Diagnostics {
	versions, err := retryDenied(ctx, bound, func(ctx context.Context) ([]client.AgentVersion, error) { return pc.ListAgentVersions(ctx, id.Name) })
	if err != nil {
		return diag.Diagnostics{dataPlaneError(diagnostics.Updating, id, actionRead, err)}
	}
	sort.Slice(versions, func(i, j int) bool { return versionNumber(versions[i].Version) > versionNumber(versions[j].Version) })
	for i, v := range versions {
		if i < keep || v.Version == latest {
			continue
		}
		tflog.Debug(ctx, "Pruning an old agent version", map[string]any{"version": v.Version, "keep_versions": keep})
		_, err := retryDenied(ctx, bound, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, pc.DeleteAgentVersion(ctx, id.Name, v.Version)
		})
		if err != nil && !client.IsNotFound(err) {
			return diag.Diagnostics{dataPlaneError(diagnostics.Updating, id, actionDelete, err)}
		}
	}
	return nil
}

func versionNumber(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return -1
	}
	return n
}
