package capabilityhost

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	// DefaultCreateTimeout and DefaultDeleteTimeout are long: a capability host provisions agent storage on the
	// data services, and the service allows up to ~20 minutes for unlinking a subnet.
	DefaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	// DefaultDeleteTimeout bounds the delete, including the wait until the host is gone.
	DefaultDeleteTimeout = 30 * time.Minute

	accountExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
	projectExample = accountExample + "/projects/{project}"
	subnetExample  = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}"
)

// The spec's capabilityHostName rule, and the name the service gives the host it creates for network injection.
var (
	namePattern         = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$`)
	implicitNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,63}` + regexp.QuoteMeta(client.ImplicitCapabilityHostSuffix) + `$`)
)

// nameValidator accepts the spec's names and, at account scope (implicit), the service's "{account}@aml_aiagentservice".
func nameValidator(implicit bool) validator.String {
	desc := "1 to 255 letters, digits, `_` and `-`, starting with a letter or digit"
	if implicit {
		desc += "; or `{account}" + client.ImplicitCapabilityHostSuffix + "`, the host the service creates for network injection"
	}
	return framework.StringValidator(desc, func(s string) string {
		if namePattern.MatchString(s) || (implicit && implicitNamePattern.MatchString(s)) {
			return ""
		}
		return fmt.Sprintf("%q is not a capability host name: %s.", s, desc)
	})
}

func connectionsAttribute(what, arm string) schema.ListAttribute {
	return schema.ListAttribute{
		Optional: true, ElementType: types.StringType,
		Validators:    []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		PlanModifiers: []planmodifier.List{listplanmodifier.RequiresReplace()},
		MarkdownDescription: fmt.Sprintf("Names of the connections (`foundry_project_connection` or account connections) used for %s (`properties.%s`). "+
			"Agents take exactly one. Changing it replaces the capability host.", what, arm),
	}
}

func commonAttributes(scope string, implicitNames bool) map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	nameDesc := "Name of the capability host: 1 to 255 letters, digits, `_` and `-`, starting with a letter or digit. Changing it replaces the host."
	if implicitNames {
		nameDesc += " The host the service creates for a network-injected account is named `{account}" + client.ImplicitCapabilityHostSuffix +
			"` (`foundry_account.agent_capability_host_name`); give that name to take it under management."
	}
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			MarkdownDescription: "ARM ID of the capability host, `<" + scope + " ID>/capabilityHosts/{name}`.",
		},
		"name": schema.StringAttribute{
			Required: true, Validators: []validator.String{nameValidator(implicitNames)}, PlanModifiers: replace,
			MarkdownDescription: nameDesc,
		},
		"vector_store_connections":   connectionsAttribute("the vector store (Azure AI Search)", "vectorStoreConnections"),
		"storage_connections":        connectionsAttribute("file storage (Azure Storage)", "storageConnections"),
		"thread_storage_connections": connectionsAttribute("thread storage (Cosmos DB)", "threadStorageConnections"),
		"ai_services_connections":    connectionsAttribute("models (Azure OpenAI or AI services)", "aiServicesConnections"),
		"provisioning_state": schema.StringAttribute{
			Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			MarkdownDescription: "`properties.provisioningState` as last read.",
		},
	}
}

func timeoutsBlock(ctx context.Context, deleteNote string) schema.Block {
	return timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true,
		CreateDescription: "How long to wait for the capability host to be provisioned (default 30 minutes).",
		ReadDescription:   "How long to wait for a read (default 5 minutes).",
		DeleteDescription: "How long to wait until the capability host is gone" + deleteNote + " (default 30 minutes)."})
}

func accountSchema(ctx context.Context) schema.Schema {
	attrs := commonAttributes("account", true)
	attrs["account_id"] = schema.StringAttribute{
		Required: true, Validators: []validator.String{framework.ARMID("Microsoft.CognitiveServices/accounts", accountExample)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`). Changing it replaces the capability host.",
	}
	attrs["kind"] = schema.StringAttribute{
		Optional: true, Computed: true, Default: stringdefault.StaticString(client.CapabilityHostKindAgents),
		Validators:          []validator.String{stringvalidator.OneOf(client.CapabilityHostKindAgents)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "`properties.capabilityHostKind`; `Agents`, the only kind and the default.",
	}
	attrs["customer_subnet_id"] = schema.StringAttribute{
		Optional: true, Validators: []validator.String{framework.ARMID("Microsoft.Network/virtualNetworks/subnets", subnetExample)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "ARM ID of the agent subnet (`properties.customerSubnet`), delegated to `Microsoft.App/environments`, when agents run in " +
			"your virtual network. Checked at plan: on a network-injected account it must be the account's `network_injection.subnet_id`; on " +
			"another account it must meet the same rules as that attribute (exists, delegated, in the account's region, in an RFC 1918 range " +
			"outside the service's reserved ranges, not linked to another account). Changing it replaces the capability host.",
	}
	attrs["description"] = schema.StringAttribute{
		Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "Description of the capability host (`properties.description`). Changing it replaces the capability host.",
	}
	attrs["tags"] = schema.MapAttribute{
		Optional: true, ElementType: types.StringType,
		PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
		MarkdownDescription: "Tags of the capability host (`properties.tags`; they are properties of the host, not ARM tags of the resource). " +
			"Changing them replaces the capability host.",
	}
	attrs["public_hosting_environment_enabled"] = schema.BoolAttribute{
		Optional: true, Computed: true, Default: booldefault.StaticBool(false),
		PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
		MarkdownDescription: "Whether the public hosting environment is enabled for the capability host " +
			"(`properties.enablePublicHostingEnvironment`). Defaults to `false`. Changing it replaces the capability host.",
	}
	return schema.Schema{
		MarkdownDescription: "An account-level capability host (`Microsoft.CognitiveServices/accounts/capabilityHosts`, API version 2026-09-01): " +
			"where the Foundry Agent Service of a Foundry resource runs. An account holds one, and Azure cannot update it, so every argument " +
			"forces replacement. A network-injected account already has one, created by the service and named `{account}" +
			client.ImplicitCapabilityHostSuffix + "`; a configuration with that name and matching settings adopts it (or import it).\n\n" +
			"Destroy waits until no project of the account has a capability host any more (the service refuses the account host's delete " +
			"before), for at most the provider's `waits.delete_ordering` (default 5 minutes) without one of them going, then until the host is gone. Because the host references the account's ID, Terraform destroys the account after it.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeoutsBlock(ctx, ", after every project capability host of the account is gone,")},
	}
}

func projectSchema(ctx context.Context) schema.Schema {
	attrs := commonAttributes("project", false)
	attrs["project_id"] = schema.StringAttribute{
		Required: true, Validators: []validator.String{framework.ARMID("Microsoft.CognitiveServices/accounts/projects", projectExample)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "ARM ID of the project (`foundry_project.id`). Changing it replaces the capability host.",
	}
	return schema.Schema{
		MarkdownDescription: "A project-level capability host (`Microsoft.CognitiveServices/accounts/projects/capabilityHosts`, API version " +
			"2026-09-01): the connections the project's agents keep threads, files and vectors in (the standard agent setup). A project holds one " +
			"and Azure cannot update it, so every argument forces replacement. Its kind is always Agents (the 2026-09-01 project schema has no " +
			"kind). The project identity needs roles on the connected services before the host can be created; `foundry_agent_standard_setup` " +
			"does all of it in one resource. At plan, the project may not get a second host (in Azure or in the same plan), and every connection " +
			"named must exist in the project or its account, or be created by the same plan.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeoutsBlock(ctx, "")},
	}
}

// sameID compares ARM IDs as ARM does: case-insensitively.
func sameID(a, b string) bool {
	return strings.EqualFold(strings.TrimSuffix(a, "/"), strings.TrimSuffix(b, "/"))
}

// taken reports that a scope (an account or a project) already holds another capability host: Azure allows one per
// scope.
func taken(p path.Path, scope, scopeID, existingID string) diag.Diagnostic {
	return diagnostics.InvalidAttribute(p, fmt.Sprintf("The %s already has a capability host", scope),
		fmt.Sprintf("Creating a capability host in %s %q is not possible: it already has %q, and Azure allows one capability host per %s. "+
			"Import the existing one (terraform import <address> %s), or delete it first.", scope, scopeID, existingID, scope, existingID))
}

// hostConflict says what a 409 Conflict on a capability host write (other than RequestConflict, which the client
// retries) means: the scope already has another host, or the host is busy with another operation.
var hostConflict = diagnostics.Conflict("An account and each project hold one capability host, and Azure cannot update one. Import the existing host " +
	"(foundry_account_capability_host or foundry_project_capability_host), or delete it first. A host that is still being created or " +
	"deleted refuses writes too: apply again once it has finished.")
