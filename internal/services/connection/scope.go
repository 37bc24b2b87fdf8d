package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

// scope is what differs between foundry_account_connection and foundry_project_connection: the parent attribute
// and the ID types. Everything else is shared.
type scope struct {
	typeSuffix    string // after the provider name: "_account_connection"
	object        string // in diagnostics: "account connection"
	parentAttr    string
	parentNoun    string
	parentType    string
	parentExample string
	armType       string
	importShape   string
	// identity is the resource identity: the pieces of the connection's ID.
	identity resourceidentity.Shape
	// newID builds the connection's ID from the parent attribute's value.
	newID func(parent, name string) (client.ConnectionID, error)
	// parseID parses a connection ID of this scope.
	parseID func(string) (client.ConnectionID, error)
	// parentOf returns the parent attribute's value for an ID.
	parentOf func(client.ConnectionID) string
	// load reads the model from a plan, state or configuration.
	load func(ctx context.Context, get func(context.Context, any) diag.Diagnostics) (types.String, connectionModel, diag.Diagnostics)
	// value is what Set stores.
	value func(parent types.String, m connectionModel) any
}

type accountConnectionModel struct {
	AccountID types.String `tfsdk:"account_id"`
	connectionModel
}

type projectConnectionModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	connectionModel
}

var accountScope = scope{
	typeSuffix:    "_account_connection",
	object:        "account connection",
	parentAttr:    "account_id",
	parentNoun:    "Foundry account",
	parentType:    "Microsoft.CognitiveServices/accounts",
	parentExample: "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}",
	armType:       "Microsoft.CognitiveServices/accounts/connections",
	importShape:   "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/connections/{connection}",
	identity:      resourceidentity.New("connection", resourceidentity.Account+"/connections/{name}"),
	newID: func(parent, name string) (client.ConnectionID, error) {
		a, err := client.ParseAccountID(parent)
		return client.NewAccountConnectionID(a, name), err
	},
	parseID: func(s string) (client.ConnectionID, error) {
		return client.ParseAccountConnectionID(s)
	},
	parentOf: func(id client.ConnectionID) string { return id.Account().String() },
	load: func(ctx context.Context, get func(context.Context, any) diag.Diagnostics) (types.String, connectionModel, diag.Diagnostics) {
		var m accountConnectionModel
		d := get(ctx, &m)
		return m.AccountID, m.connectionModel, d
	},
	value: func(parent types.String, m connectionModel) any {
		return accountConnectionModel{AccountID: parent, connectionModel: m}
	},
}

var projectScope = scope{
	typeSuffix:    "_project_connection",
	object:        "project connection",
	parentAttr:    "project_id",
	parentNoun:    "Foundry project",
	parentType:    "Microsoft.CognitiveServices/accounts/projects",
	parentExample: "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/projects/{project}",
	armType:       "Microsoft.CognitiveServices/accounts/projects/connections",
	importShape:   "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/projects/{project}/connections/{connection}",
	identity:      resourceidentity.New("connection", resourceidentity.Project+"/connections/{name}"),
	newID: func(parent, name string) (client.ConnectionID, error) {
		p, err := client.ParseProjectID(parent)
		return client.NewProjectConnectionID(p, name), err
	},
	parseID: func(s string) (client.ConnectionID, error) {
		return client.ParseProjectConnectionID(s)
	},
	parentOf: func(id client.ConnectionID) string {
		if p, ok := id.(client.ProjectConnectionID); ok {
			return p.ProjectID.String()
		}
		return ""
	},
	load: func(ctx context.Context, get func(context.Context, any) diag.Diagnostics) (types.String, connectionModel, diag.Diagnostics) {
		var m projectConnectionModel
		d := get(ctx, &m)
		return m.ProjectID, m.connectionModel, d
	},
	value: func(parent types.String, m connectionModel) any {
		return projectConnectionModel{ProjectID: parent, connectionModel: m}
	},
}
