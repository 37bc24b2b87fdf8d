package account

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	subnetType     = "Microsoft.Network/virtualNetworks/subnets"
	subnetExample  = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}"
	storageType    = "Microsoft.Storage/storageAccounts"
	storageExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts/{name}"
	amlExample     = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}"
	adxExample     = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Kusto/clusters/{cluster}/databases/{database}"
)

func networkACLsSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: "Network rules (`properties.networkAcls`) that decide which networks reach the account's endpoints.",
		Attributes: map[string]schema.Attribute{
			"default_action": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf("Allow", "Deny")},
				MarkdownDescription: "What happens to traffic no rule matches: `Allow` or `Deny`.",
			},
			"bypass": schema.StringAttribute{
				Optional: true, Computed: true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.OneOf("None", "AzureServices")},
				MarkdownDescription: "Whether trusted Azure services may bypass the rules: `AzureServices` or `None`. Defaults to what the service sets.",
			},
			"ip_rules": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(framework.IPRule())},
				MarkdownDescription: "Public IPv4 addresses or CIDR ranges allowed in.",
			},
			"virtual_network_rules": schema.SetNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Subnets allowed in.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"subnet_id": schema.StringAttribute{
						Required:            true,
						Validators:          []validator.String{framework.ARMID(subnetType, subnetExample)},
						MarkdownDescription: "ARM ID of the subnet.",
					},
					"ignore_missing_vnet_service_endpoint": schema.BoolAttribute{
						Optional:            true,
						MarkdownDescription: "Accept the rule even if the subnet has no `Microsoft.CognitiveServices` service endpoint.",
					},
				}},
			},
		},
	}
}

func userOwnedStorageSchema() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Optional:            true,
		Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
		MarkdownDescription: "Storage accounts the service uses for the account's data (`properties.userOwnedStorage`).",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"storage_account_id": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{framework.ARMID(storageType, storageExample)},
				MarkdownDescription: "ARM ID of the storage account.",
			},
			"identity_client_id": schema.StringAttribute{
				Optional:            true,
				Validators:          clientIDValidators(),
				MarkdownDescription: "Client ID of the user-assigned identity used to reach the storage account; omit to use the system-assigned identity.",
			},
		}},
	}
}

// clientIDValidators check the client ID of a user-assigned identity.
func clientIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(uuidPattern, "must be a GUID (the client ID of a user-assigned identity)")}
}

func amlWorkspaceSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: "The Azure Machine Learning workspace the account uses (`properties.amlWorkspace`). Updated in place.",
		Attributes: map[string]schema.Attribute{
			"resource_id": schema.StringAttribute{
				Required: true, Validators: []validator.String{framework.AnyARMID("the workspace", amlExample)},
				MarkdownDescription: "ARM ID of the workspace (`resourceId`), e.g. `" + amlExample + "`.",
			},
			"identity_client_id": schema.StringAttribute{
				Optional: true, Validators: clientIDValidators(),
				MarkdownDescription: "Client ID of the user-assigned identity used to reach the workspace (`identityClientId`); omit to use the system-assigned identity.",
			},
		},
	}
}

func raiMonitorConfigSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: "Where the account's responsible AI monitoring data is kept (`properties.raiMonitorConfig`). Updated in place.",
		Attributes: map[string]schema.Attribute{
			"adx_storage_resource_id": schema.StringAttribute{
				Required: true, Validators: []validator.String{framework.AnyARMID("the Azure Data Explorer storage", adxExample)},
				MarkdownDescription: "ARM ID of the Azure Data Explorer resource that keeps the data (`adxStorageResourceId`).",
			},
			"identity_client_id": schema.StringAttribute{
				Optional: true, Validators: clientIDValidators(),
				MarkdownDescription: "Client ID of the user-assigned identity used to reach the storage (`identityClientId`); omit to use the system-assigned identity.",
			},
		},
	}
}

// routingMethods are the spec's RoutingMethods.
var routingMethods = []string{string(client.RoutingMethodPriority), string(client.RoutingMethodWeighted), string(client.RoutingMethodPerformance)}

func locationsSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Multi-region settings (`properties.locations`): the regional accounts requests are spread over, and how. " +
			"Updated in place.",
		Attributes: map[string]schema.Attribute{
			"routing_method": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.OneOf(routingMethods...)},
				MarkdownDescription: "How requests are routed (`routingMethod`): `Priority`, `Weighted` or `Performance`.",
			},
			"regions": schema.ListNestedAttribute{
				Required: true, Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				MarkdownDescription: "The regions (`regions`).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "Name of the region (`name`), e.g. `eastus`.",
					},
					"value": schema.Float64Attribute{
						Optional:            true,
						MarkdownDescription: "The region's priority (`Priority`) or weight (`Weighted`) (`value`).",
					},
					"custom_subdomain_name": schema.StringAttribute{
						Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "Custom subdomain of the regional account (`customsubdomain`).",
					},
				}},
			},
		},
	}
}
