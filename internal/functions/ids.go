package functions

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func newParseAccountID() function.Function {
	return parser{
		name:    "parse_account_id",
		summary: "Parse the ARM ID of a Foundry resource (account)",
		description: "Splits `/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}` " +
			"into `subscription_id`, `resource_group_name` and `account_name`. Fails on any other shape.",
		attrs: stringAttrs("subscription_id", "resource_group_name", "account_name"),
		parse: func(s string) (map[string]attr.Value, error) {
			id, err := client.ParseAccountID(s)
			if err != nil {
				return nil, err
			}
			return accountParts(id), nil
		},
	}
}

func newParseProjectID() function.Function {
	return parser{
		name:    "parse_project_id",
		summary: "Parse the ARM ID of a Foundry project",
		description: "Splits `<account ID>/projects/{project}` into `subscription_id`, `resource_group_name`, `account_name`, `project_name` " +
			"and `account_id`. Fails on any other shape.",
		attrs: stringAttrs("subscription_id", "resource_group_name", "account_name", "project_name", "account_id"),
		parse: func(s string) (map[string]attr.Value, error) {
			id, err := client.ParseProjectID(s)
			if err != nil {
				return nil, err
			}
			m := accountParts(id.AccountID)
			m["project_name"], m["account_id"] = types.StringValue(id.Name), types.StringValue(id.AccountID.String())
			return m, nil
		},
	}
}

func newParseDeploymentID() function.Function {
	return parser{
		name:    "parse_deployment_id",
		summary: "Parse the ARM ID of a model deployment",
		description: "Splits `<account ID>/deployments/{deployment}` into `subscription_id`, `resource_group_name`, `account_name`, " +
			"`deployment_name` and `account_id`. Fails on any other shape.",
		attrs: stringAttrs("subscription_id", "resource_group_name", "account_name", "deployment_name", "account_id"),
		parse: func(s string) (map[string]attr.Value, error) {
			id, err := client.ParseDeploymentID(s)
			if err != nil {
				return nil, err
			}
			m := accountParts(id.AccountID)
			m["deployment_name"], m["account_id"] = types.StringValue(id.Name), types.StringValue(id.AccountID.String())
			return m, nil
		},
	}
}

func newParseConnectionID() function.Function {
	return parser{
		name:    "parse_connection_id",
		summary: "Parse the ARM ID of an account or project connection",
		description: "Splits `<account ID>/connections/{name}` or `<project ID>/connections/{name}` into `subscription_id`, " +
			"`resource_group_name`, `account_name`, `project_name` (null for an account connection), `connection_name` and `scope_id` " +
			"(the account or project ID the connection belongs to). Fails on any other shape.",
		attrs: stringAttrs("subscription_id", "resource_group_name", "account_name", "project_name", "connection_name", "scope_id"),
		parse: func(s string) (map[string]attr.Value, error) {
			if id, err := client.ParseProjectConnectionID(s); err == nil {
				m := accountParts(id.ProjectID.AccountID)
				m["project_name"], m["connection_name"], m["scope_id"] = types.StringValue(id.ProjectID.Name), types.StringValue(id.Name), types.StringValue(id.ProjectID.String())
				return m, nil
			}
			id, err := client.ParseAccountConnectionID(s)
			if err != nil {
				return nil, err
			}
			m := accountParts(id.AccountID)
			m["project_name"], m["connection_name"], m["scope_id"] = types.StringNull(), types.StringValue(id.Name), types.StringValue(id.AccountID.String())
			return m, nil
		},
	}
}

func accountParts(id client.AccountID) map[string]attr.Value {
	return map[string]attr.Value{
		"subscription_id":     types.StringValue(id.SubscriptionID),
		"resource_group_name": types.StringValue(id.ResourceGroupName),
		"account_name":        types.StringValue(id.Name),
	}
}
