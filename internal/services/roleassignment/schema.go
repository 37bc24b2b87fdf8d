package roleassignment

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute
)

// scopeValidator accepts the ARM ID of a Foundry account or of a Foundry project.
func scopeValidator() validator.String {
	return framework.StringValidator("ARM ID of a Foundry account or project", func(s string) string {
		if _, err := client.ParseAccountID(s); err == nil {
			return ""
		}
		if _, err := client.ParseProjectID(s); err == nil {
			return ""
		}
		return fmt.Sprintf("%q is neither the ARM ID of a Foundry account "+
			"(/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}) nor of a project "+
			"(<account ID>/projects/{project}).", s)
	})
}

func guidValidator() validator.String {
	return framework.StringValidator("a GUID", func(s string) string {
		if client.IsGUID(s) {
			return ""
		}
		return fmt.Sprintf("%q is not a GUID (an object ID such as 00000000-0000-0000-0000-000000000000).", s)
	})
}

func roleDefinitionIDValidator() validator.String {
	return framework.StringValidator("role definition GUID or ID", func(s string) string {
		if _, err := client.RoleDefinitionGUID(s); err != nil {
			return err.Error() + "."
		}
		return ""
	})
}

func resourceSchema(ctx context.Context) schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "Assigns an Azure role to a principal on a Foundry account or project " +
			"(`Microsoft.Authorization/roleAssignments`, API version " + client.AuthorizationAPIVersion + "). The assignment's name is a " +
			"UUIDv5 of the scope, role definition and principal. An assignment this configuration did not create is never taken over: one " +
			"of the same name, or an identical one under another name (409 `RoleAssignmentExists`), fails the create with the `import` block " +
			"that takes it over (an interrupted create of this working directory is resumed instead; see the Errors guide). A principal created moments before (`PrincipalNotFound`) is retried for at most the provider's `waits.principal_replication` " +
			"(default 5 minutes), so a `principal_id` that matches no principal fails in minutes with an error saying so. A `role_definition_name` " +
			"outside the built-in table is resolved at plan against the role definitions assignable at the scope.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "ARM ID of the assignment, `<scope>/providers/Microsoft.Authorization/roleAssignments/<name>`.",
			},
			"name": schema.StringAttribute{
				Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Name of the assignment (a GUID): a UUIDv5 of the lower-cased scope, role definition GUID and principal ID, " +
					"or the name of an adopted existing assignment.",
			},
			"scope": schema.StringAttribute{
				Required: true, Validators: []validator.String{scopeValidator()}, PlanModifiers: replace,
				MarkdownDescription: "ARM ID of the Foundry account (`foundry_account.id`) or project (`foundry_project.id`) the role applies to. " +
					"Changing it replaces the assignment.",
			},
			"principal_id": schema.StringAttribute{
				Required: true, Validators: []validator.String{guidValidator()}, PlanModifiers: replace,
				MarkdownDescription: "Object ID of the user, group or service principal (`properties.principalId`); for the identity Terraform runs " +
					"as, `data.foundry_client_config.current.object_id`. Changing it replaces the assignment.",
			},
			"principal_type": schema.StringAttribute{
				Optional: true, Computed: true,
				Validators:    []validator.String{stringvalidator.OneOf("User", "Group", "ServicePrincipal", "ForeignGroup", "Device")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
				MarkdownDescription: "Type of the principal (`properties.principalType`): `User`, `Group`, `ServicePrincipal`, `ForeignGroup` or `Device`. " +
					"Optional; when set, Azure skips the directory lookup, which is what makes assignments to a just-created managed identity work " +
					"(set `ServicePrincipal` for managed identities and applications). When unset, Azure determines it and it is read back. " +
					"Changing it replaces the assignment.",
			},
			"role_definition_name": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(sameRoleKeeps,
					"Replaces the assignment unless the new name resolves to the same built-in role (e.g. a former name to its current one).",
					"Replaces the assignment unless the new name resolves to the same built-in role (e.g. a former name to its current one).")},
				MarkdownDescription: "Name of the role, e.g. `Foundry User`. The Foundry roles were renamed with their IDs unchanged, so names are " +
					"resolved through a built-in table: " + roleTableMarkdown() + ". The former names `Azure AI User`, `Azure AI Project Manager`, " +
					"`Azure AI Account Owner` and `Azure AI Owner` are accepted with a deprecation warning. Other names are looked up at the scope " +
					"(`roleDefinitions?$filter=roleName eq '...'`). Exactly one of `role_definition_name` and `role_definition_id` is required. " +
					"Changing it replaces the assignment, except between a former and a current name of the same role.",
			},
			"role_definition_id": schema.StringAttribute{
				Optional: true, Computed: true, Validators: []validator.String{roleDefinitionIDValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured()},
				MarkdownDescription: "Role definition as a GUID or a full ID (`/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}`). " +
					"When `role_definition_name` is used instead, this is the resolved subscription-level ID. Changing it replaces the assignment.",
			},
			"description": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Description of the assignment (`properties.description`); updated in place.",
			},
			"wait_for_propagation": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "After creating the assignment, wait until the Foundry data plane lets **the provider's own identity** read " +
					"agents on the scope's project (`GET /agents?limit=1` until it stops answering 401 `PermissionDenied`), bounded by the provider's " +
					"`waits.role_propagation` (default 15 minutes) and the create timeout. This proves the caller's access, so it is meaningful when `principal_id` is the identity Terraform runs as " +
					"(`data.foundry_client_config.current.object_id`); agents created in the same apply then need no sleep. For an account scope the " +
					"first project of the account is probed (none: no wait). Default `false`.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long the whole create may take (default 30 minutes); each wait inside it has its own, shorter bound in the provider's `waits` block.",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for a description update (default 30 minutes).",
				DeleteDescription: "How long to wait for the delete (default 30 minutes)."}),
		},
	}
}

// sameRoleKeeps asks for replacement unless the old and new names resolve to the same built-in role.
func sameRoleKeeps(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	old, _, _, okOld := lookupRole(req.StateValue.ValueString())
	cur, _, _, okNew := lookupRole(req.PlanValue.ValueString())
	resp.RequiresReplace = !okOld || !okNew || old != cur
}
