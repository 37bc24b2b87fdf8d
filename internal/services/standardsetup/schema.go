package standardsetup

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultCreateTimeout = 60 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 60 * time.Minute

	defaultHostName = "agents"
	rgExample       = "/subscriptions/{subscription}/resourceGroups/{group}/providers/"
)

// The spec's connectionName rule.
var connectionNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`)

const connectionNameRule = "letters, digits, `_` and `-`, starting with a letter or digit"

func connectionNameAttribute(dependency string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Computed: true,
		Validators:    []validator.String{framework.Name(3, 33, connectionNamePattern, connectionNameRule)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "Name of the project connection to the " + dependency + ": 3 to 33 " + connectionNameRule + ". Default: the " +
			dependency + "'s resource name, as the official samples do. Connection names are unique across the whole account (its own and all " +
			"its projects' connections), so two projects of one account that use the same " + dependency + " need different names. Changing it replaces the setup.",
	}
}

func armIDAttribute(what, typ, example string) schema.StringAttribute {
	return schema.StringAttribute{
		Required: true, Validators: []validator.String{framework.ARMID(typ, example)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "ARM ID of the " + what + " (`" + typ + "`). Changing it replaces the setup.",
	}
}

func resourceSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "The standard agent setup of a Foundry project in one resource: the project's agents keep threads in your Cosmos DB, " +
			"files in your Storage account and vectors in your AI Search service. Create does, in order, what the official samples do with a dozen " +
			"resources and fixed sleeps:\n\n" +
			"1. three project connections with Microsoft Entra ID auth (`AzureStorageAccount`, `CosmosDb`, `CognitiveSearch`);\n" +
			"2. role assignments for the project's managed identity: Cosmos DB Operator, Storage Blob Data Contributor, Search Index Data " +
			"Contributor and Search Service Contributor;\n" +
			"3. the project capability host on the three connections. Instead of sleeping while the roles propagate, the provider retries the " +
			"capability host while it fails because the identity's roles are not effective yet, with back-off, bounded by the provider's " +
			"`waits.capability_host_ready` (default 15 minutes); a new principal not yet known to Microsoft Entra ID is retried within " +
			"`waits.principal_replication` (default 5 minutes);\n" +
			"4. Cosmos DB Built-in Data Contributor on the `enterprise_memory` database and Storage Blob Data Owner limited (ABAC condition) to " +
			"the project's `<project GUID>…-azureml-agent` containers, for the project identity and each of `additional_principal_ids`.\n\n" +
			"Every object has a deterministic name (role assignments: UUIDv5 of scope, role and principal), and an identical existing object is " +
			"reused, so each step is idempotent. The resource saves its progress in state as it goes; a failed create leaves it tainted, and " +
			"the next apply deletes what was made and runs the chain again, converging without duplicates.\n\n" +
			"Destroy goes in reverse: the capability host first, waiting until it is gone (it still acts as the project identity while it " +
			"tears down), then the data-plane roles, the control-plane roles and the connections. The project's identity must be system-assigned; " +
			"the plan checks it, for an existing project and for one created in the same plan.",
		Attributes: map[string]schema.Attribute{
			"id": computed("`<project ID>/agentStandardSetup`, also the import ID."),
			"project_id": armIDAttribute("project (`foundry_project.id`); it needs a system-assigned identity", "Microsoft.CognitiveServices/accounts/projects",
				rgExample+"Microsoft.CognitiveServices/accounts/{account}/projects/{project}"),
			"storage_account_id":        armIDAttribute("storage account for files", "Microsoft.Storage/storageAccounts", rgExample+"Microsoft.Storage/storageAccounts/{name}"),
			"cosmos_db_account_id":      armIDAttribute("Cosmos DB (NoSQL) account for threads; it needs 3000 RU/s per project", "Microsoft.DocumentDB/databaseAccounts", rgExample+"Microsoft.DocumentDB/databaseAccounts/{name}"),
			"search_service_id":         armIDAttribute("AI Search service for vector stores", "Microsoft.Search/searchServices", rgExample+"Microsoft.Search/searchServices/{name}"),
			"storage_connection_name":   connectionNameAttribute("storage account"),
			"cosmos_db_connection_name": connectionNameAttribute("Cosmos DB account"),
			"search_connection_name":    connectionNameAttribute("search service"),
			"capability_host_name": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(defaultHostName),
				Validators:          []validator.String{framework.Name(1, 255, regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`), "letters, digits, `_` and `-`, starting with a letter or digit")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "Name of the project capability host (default `" + defaultHostName + "`). Changing it replaces the setup.",
			},
			"additional_principal_ids": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(guidValidator())},
				MarkdownDescription: "Object IDs of other principals (users, groups, service principals) that get the same data-plane roles as the " +
					"project identity: Cosmos DB Built-in Data Contributor on `enterprise_memory` and the conditioned Storage Blob Data Owner. " +
					"Updated in place.",
			},
			"project_guid":         computed("The project's internal ID as a GUID, the prefix of its Cosmos DB containers and storage containers."),
			"project_principal_id": computed("Object ID of the project's system-assigned identity, which the roles are granted to."),
			"capability_host_id":   computed("ARM ID of the project capability host."),
			"role_assignment_ids": schema.MapAttribute{
				Computed: true, ElementType: types.StringType, PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "IDs of the role assignments made, by role: `cosmos_db_operator`, `storage_blob_data_contributor`, " +
					"`search_index_data_contributor`, `search_service_contributor`, `storage_blob_data_owner` and `cosmos_db_data_contributor` " +
					"(a Cosmos DB SQL role assignment) for the project identity, and `storage_blob_data_owner/{principal}` and " +
					"`cosmos_db_data_contributor/{principal}` for each additional principal.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long the whole chain may take, including waiting for role propagation (default 60 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for changes to additional_principal_ids (default 30 minutes).",
				DeleteDescription: "How long the teardown may take, including waiting until the capability host is gone (default 60 minutes)."}),
		},
	}
}

func guidValidator() validator.String {
	return framework.Name(36, 36, regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`), "an object ID (GUID)")
}
