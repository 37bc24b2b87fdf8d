package project

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

// projectAttributes are shared by the resource and the data source.
type projectAttributes struct {
	ID              types.String            `tfsdk:"id"`
	AccountID       types.String            `tfsdk:"account_id"`
	Name            types.String            `tfsdk:"name"`
	Location        framework.LocationValue `tfsdk:"location"`
	Identity        *identity.Model         `tfsdk:"identity"`
	DisplayName     types.String            `tfsdk:"display_name"`
	Description     types.String            `tfsdk:"description"`
	Tags            types.Map               `tfsdk:"tags"`
	InternalID      types.String            `tfsdk:"internal_id"`
	ProjectGUID     types.String            `tfsdk:"project_guid"`
	Endpoints       types.Map               `tfsdk:"endpoints"`
	ProjectEndpoint types.String            `tfsdk:"project_endpoint"`
	IsDefault       types.Bool              `tfsdk:"is_default"`
}

type projectModel struct {
	projectAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// expandProject builds the PUT body; location is the account's when the configuration leaves it out.
func expandProject(ctx context.Context, m projectAttributes, location string) (client.Project, diag.Diagnostics) {
	body := client.Project{
		Location: framework.Ptr(framework.NormalizeLocation(location)),
		Properties: &client.ProjectProperties{
			DisplayName: m.DisplayName.ValueStringPointer(),
			Description: m.Description.ValueStringPointer(),
		},
	}
	identity, diags := identity.Expand(ctx, m.Identity)
	body.Identity = identity
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		tags := map[string]string{}
		diags.Append(m.Tags.ElementsAs(ctx, &tags, false)...)
		body.Tags = tags
	}
	return body, diags
}

// flattenProject writes what the API returned into m, using m's prior values to tell null from empty.
func flattenProject(ctx context.Context, id client.ProjectID, p client.Project, m *projectAttributes) diag.Diagnostics {
	var diags diag.Diagnostics
	props := p.Properties
	if props == nil {
		props = &client.ProjectProperties{}
	}
	m.ID = types.StringValue(id.String())
	if !strings.EqualFold(m.AccountID.ValueString(), id.AccountID.String()) {
		m.AccountID = types.StringValue(id.AccountID.String())
	}
	m.Name = types.StringValue(id.Name)
	m.Location = framework.NewLocationValue(framework.Deref(p.Location))
	m.Identity = identity.Flatten(p.Identity, m.Identity, &diags)
	m.DisplayName = types.StringPointerValue(framework.NilIfEmpty(props.DisplayName))
	m.Description = types.StringPointerValue(framework.NilIfEmpty(props.Description))
	m.Tags = framework.StringMap(p.Tags, m.Tags, &diags)
	m.InternalID = types.StringPointerValue(props.InternalID)
	m.ProjectGUID = types.StringPointerValue(guid(framework.Deref(props.InternalID)))
	eps, d := types.MapValueFrom(ctx, types.StringType, props.Endpoints)
	diags.Append(d...)
	if props.Endpoints == nil {
		eps = types.MapValueMust(types.StringType, nil)
	}
	m.Endpoints = eps
	m.ProjectEndpoint = types.StringNull()
	if ep, ok := props.Endpoints[client.ProjectEndpointKey]; ok {
		m.ProjectEndpoint = types.StringValue(ep)
	}
	m.IsDefault = types.BoolValue(framework.Deref(props.IsDefault))
	return diags
}

// guid formats a 32-hex-digit internal ID as 8-4-4-4-12; anything else (including "") gives nil.
func guid(internal string) *string {
	g, err := client.ProjectGUID(internal)
	if err != nil {
		return nil
	}
	return &g
}
