package connection

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// connectionModel is everything but the parent attribute (account_id or project_id), which scope adds.
type connectionModel struct {
	ID                          types.String `tfsdk:"id"`
	Name                        types.String `tfsdk:"name"`
	Category                    types.String `tfsdk:"category"`
	Target                      types.String `tfsdk:"target"`
	AuthType                    types.String `tfsdk:"auth_type"`
	Metadata                    types.Map    `tfsdk:"metadata"`
	IsSharedToAll               types.Bool   `tfsdk:"is_shared_to_all"`
	SharedUserList              types.Set    `tfsdk:"shared_user_list"`
	ExpiryTime                  types.String `tfsdk:"expiry_time"`
	UseWorkspaceManagedIdentity types.Bool   `tfsdk:"use_workspace_managed_identity"`
	PERequirement               types.String `tfsdk:"pe_requirement"`
	Group                       types.String `tfsdk:"group"`
	SecretVersion               types.Int64  `tfsdk:"secret_version"`

	AAD              types.Object `tfsdk:"aad"`
	None             types.Object `tfsdk:"none"`
	APIKey           types.Object `tfsdk:"api_key"`
	AccountKey       types.Object `tfsdk:"account_key"`
	AccessKey        types.Object `tfsdk:"access_key"`
	CustomKeys       types.Object `tfsdk:"custom_keys"`
	ManagedIdentity  types.Object `tfsdk:"managed_identity"`
	ServicePrincipal types.Object `tfsdk:"service_principal"`
	OAuth2           types.Object `tfsdk:"oauth2"`
	SAS              types.Object `tfsdk:"sas"`
	PAT              types.Object `tfsdk:"pat"`
	UsernamePassword types.Object `tfsdk:"username_password"`

	AccountManagedIdentity types.Object `tfsdk:"account_managed_identity"`
	ProjectManagedIdentity types.Object `tfsdk:"project_managed_identity"`
	UserEntraToken         types.Object `tfsdk:"user_entra_token"`
	DelegatedSAS           types.Object `tfsdk:"delegated_sas"`
	AgentUserImpersonation types.Object `tfsdk:"agent_user_impersonation"`
	AgenticIdentityToken   types.Object `tfsdk:"agentic_identity_token"`
	AgenticUser            types.Object `tfsdk:"agentic_user"`

	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// block returns a pointer to the model's field of the named credentials block.
func (m *connectionModel) block(name string) *types.Object {
	return map[string]*types.Object{
		"aad": &m.AAD, "none": &m.None, "api_key": &m.APIKey, "account_key": &m.AccountKey, "access_key": &m.AccessKey,
		"custom_keys": &m.CustomKeys, "managed_identity": &m.ManagedIdentity, "service_principal": &m.ServicePrincipal,
		"oauth2": &m.OAuth2, "sas": &m.SAS, "pat": &m.PAT, "username_password": &m.UsernamePassword,
		"account_managed_identity": &m.AccountManagedIdentity, "project_managed_identity": &m.ProjectManagedIdentity,
		"user_entra_token": &m.UserEntraToken, "delegated_sas": &m.DelegatedSAS, "agent_user_impersonation": &m.AgentUserImpersonation,
		"agentic_identity_token": &m.AgenticIdentityToken, "agentic_user": &m.AgenticUser,
	}[name]
}

// setBlocks returns the credentials blocks that are set (not null); unknown blocks count as set.
func (m *connectionModel) setBlocks() []credentialsBlock {
	var out []credentialsBlock
	for _, b := range credentialsBlocks {
		if !m.block(b.name).IsNull() {
			out = append(out, b)
		}
	}
	return out
}

// values reads a block's attributes, or nil for a null or unknown block.
func values(o types.Object) map[string]attr.Value {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	return o.Attributes()
}

// credentialsReader reads one block's values: non-secret fields and fallback secrets from the plan, write-only
// secrets from the configuration (they are always null in a plan).
type credentialsReader struct {
	plan, config map[string]attr.Value
}

func (r credentialsReader) str(name string) *string {
	if s, ok := r.plan[name].(types.String); ok && !s.IsNull() && !s.IsUnknown() {
		return s.ValueStringPointer()
	}
	return nil
}

func (r credentialsReader) secret(name string) *string {
	if s, ok := r.config[name+"_wo"].(types.String); ok && !s.IsNull() && !s.IsUnknown() {
		return s.ValueStringPointer()
	}
	return r.str(name)
}

func (r credentialsReader) secretMap(ctx context.Context, name string, diags *diag.Diagnostics) map[string]string {
	for _, v := range []attr.Value{r.config[name+"_wo"], r.plan[name]} {
		if m, ok := v.(types.Map); ok && !m.IsNull() && !m.IsUnknown() {
			out := map[string]string{}
			diags.Append(m.ElementsAs(ctx, &out, false)...)
			return out
		}
	}
	return nil
}

// expandConnection builds the PUT body from the plan, taking write-only secrets from the configuration.
func expandConnection(ctx context.Context, plan, config connectionModel) (client.Connection, diag.Diagnostics) {
	var diags diag.Diagnostics
	props := &client.ConnectionProperties{
		Category:                    plan.Category.ValueStringPointer(),
		Target:                      plan.Target.ValueStringPointer(),
		IsSharedToAll:               plan.IsSharedToAll.ValueBoolPointer(),
		ExpiryTime:                  plan.ExpiryTime.ValueStringPointer(),
		UseWorkspaceManagedIdentity: plan.UseWorkspaceManagedIdentity.ValueBoolPointer(),
	}
	if !plan.PERequirement.IsNull() && !plan.PERequirement.IsUnknown() {
		props.PERequirement = framework.Ptr(client.ManagedPERequirement(plan.PERequirement.ValueString()))
	}
	if !plan.Metadata.IsNull() {
		props.Metadata = map[string]string{}
		diags.Append(plan.Metadata.ElementsAs(ctx, &props.Metadata, false)...)
	}
	if !plan.SharedUserList.IsNull() {
		diags.Append(plan.SharedUserList.ElementsAs(ctx, &props.SharedUserList, false)...)
	}
	set := plan.setBlocks()
	if len(set) != 1 {
		return client.Connection{}, diags // ValidateConfig reports it
	}
	b := set[0]
	props.AuthType = b.authType
	r := credentialsReader{plan: values(*plan.block(b.name)), config: values(*config.block(b.name))}
	props.Credentials = buildCredentials(ctx, b.authType, r, &diags)
	return client.Connection{Properties: props}, diags
}

func buildCredentials(ctx context.Context, t client.ConnectionAuthType, r credentialsReader, diags *diag.Diagnostics) client.ConnectionCredentials {
	switch t {
	case client.ConnectionAuthTypeAPIKey:
		return &client.ConnectionAPIKeyCredentials{Key: r.secret("key")}
	case client.ConnectionAuthTypeAccountKey:
		return &client.ConnectionAccountKeyCredentials{Key: r.secret("key")}
	case client.ConnectionAuthTypeAccessKey:
		return &client.ConnectionAccessKeyCredentials{AccessKeyID: r.str("access_key_id"), SecretAccessKey: r.secret("secret_access_key")}
	case client.ConnectionAuthTypeCustomKeys:
		return &client.ConnectionCustomKeysCredentials{Keys: r.secretMap(ctx, "keys", diags)}
	case client.ConnectionAuthTypeManagedIdentity:
		return &client.ConnectionManagedIdentityCredentials{ClientID: r.str("client_id"), ResourceID: r.str("resource_id")}
	case client.ConnectionAuthTypeServicePrincipal:
		return &client.ConnectionServicePrincipalCredentials{ClientID: r.str("client_id"), TenantID: r.str("tenant_id"), ClientSecret: r.secret("client_secret")}
	case client.ConnectionAuthTypeOAuth2:
		return &client.ConnectionOAuth2Credentials{AuthURL: r.str("auth_url"), ClientID: r.str("client_id"), TenantID: r.str("tenant_id"),
			Username: r.str("username"), ClientSecret: r.secret("client_secret"), Password: r.secret("password"),
			RefreshToken: r.secret("refresh_token"), DeveloperToken: r.secret("developer_token")}
	case client.ConnectionAuthTypeSAS:
		return &client.ConnectionSASCredentials{SAS: r.secret("sas")}
	case client.ConnectionAuthTypePAT:
		return &client.ConnectionPATCredentials{PAT: r.secret("pat")}
	case client.ConnectionAuthTypeUsernamePassword:
		return &client.ConnectionUsernamePasswordCredentials{Username: r.str("username"), Password: r.secret("password"),
			SecurityToken: r.secret("security_token")}
	}
	return nil
}

// returnedFields are the non-secret credential values the service returned; a nil entry means "not returned".
func returnedFields(c client.ConnectionCredentials) map[string]*string {
	switch c := c.(type) {
	case *client.ConnectionAccessKeyCredentials:
		return map[string]*string{"access_key_id": c.AccessKeyID}
	case *client.ConnectionManagedIdentityCredentials:
		return map[string]*string{"client_id": c.ClientID, "resource_id": c.ResourceID}
	case *client.ConnectionServicePrincipalCredentials:
		return map[string]*string{"client_id": c.ClientID, "tenant_id": c.TenantID}
	case *client.ConnectionOAuth2Credentials:
		return map[string]*string{"client_id": c.ClientID, "auth_url": c.AuthURL, "tenant_id": c.TenantID, "username": c.Username}
	case *client.ConnectionUsernamePasswordCredentials:
		return map[string]*string{"username": c.Username}
	}
	return nil
}

// flattenConnection writes what the API returned into m. Secrets are never returned: the sensitive fallback values
// stay as they were in m (prior state or plan), write-only values are null. Non-secret credential values the service
// leaves out also keep their prior value.
func flattenConnection(id client.ConnectionID, got client.Connection, m *connectionModel) diag.Diagnostics {
	var diags diag.Diagnostics
	p := got.Properties
	if p == nil {
		p = &client.ConnectionProperties{}
	}
	m.ID = types.StringValue(id.String())
	m.Name = types.StringValue(id.ConnectionName())
	m.Category = types.StringPointerValue(p.Category)
	m.Target = types.StringPointerValue(p.Target)
	m.AuthType = types.StringValue(string(p.AuthType))
	m.Metadata = framework.StringMap(p.Metadata, m.Metadata, &diags)
	m.IsSharedToAll = types.BoolValue(framework.Deref(p.IsSharedToAll))
	m.SharedUserList = framework.StringSet(p.SharedUserList, m.SharedUserList, &diags)
	m.ExpiryTime = keepTimeSpelling(p.ExpiryTime, m.ExpiryTime)
	m.UseWorkspaceManagedIdentity = types.BoolValue(framework.Deref(p.UseWorkspaceManagedIdentity))
	m.PERequirement = types.StringNull()
	if p.PERequirement != nil {
		m.PERequirement = types.StringValue(string(*p.PERequirement))
	}
	m.Group = types.StringNull()
	if p.Group != nil {
		m.Group = types.StringValue(string(*p.Group))
	}
	returned := returnedFields(p.Credentials)
	for _, b := range credentialsBlocks {
		field := m.block(b.name)
		if !strings.EqualFold(string(b.authType), string(p.AuthType)) {
			*field = types.ObjectNull(b.attrTypes())
			continue
		}
		prior := values(*field)
		vals := map[string]attr.Value{}
		for _, f := range b.fields {
			switch v, ok := returned[f.name]; {
			case ok && v != nil:
				vals[f.name] = types.StringValue(*v)
			case prior[f.name] != nil:
				vals[f.name] = prior[f.name]
			default:
				vals[f.name] = types.StringNull()
			}
		}
		for _, s := range b.secrets {
			vals[s.name], vals[s.writeOnly()] = s.null(), s.null()
			if v := prior[s.name]; v != nil && !v.IsUnknown() {
				vals[s.name] = v
			}
		}
		obj, d := types.ObjectValue(b.attrTypes(), vals)
		diags.Append(d...)
		*field = obj
	}
	return diags
}

// keepTimeSpelling returns the API's time, or the prior value when both name the same instant ("+00:00" vs "Z").
func keepTimeSpelling(got *string, prior types.String) types.String {
	if got == nil {
		return types.StringNull()
	}
	if !prior.IsNull() && !prior.IsUnknown() {
		a, errA := time.Parse(time.RFC3339, *got)
		b, errB := time.Parse(time.RFC3339, prior.ValueString())
		if errA == nil && errB == nil && a.Equal(b) {
			return prior
		}
	}
	return types.StringValue(*got)
}
