package connection

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/movestate"
)

var _ resource.ResourceWithMoveState = (*connectionResource)(nil)

// azurerm has a family of connection resources per scope: a generic one, whose auth_type names the auth type
// (azurerm_cognitive_account_connection, azurerm_cognitive_account_project_connection), and one per auth type, named
// by a suffix (azurerm_cognitive_account_connection_api_key, ..._project_connection_entra_id). They share name,
// category, target and metadata; the parent attribute differs between them and versions (cognitive_account_id,
// cognitive_account_project_id, cognitive_project_id), so the parent is taken from the ID.
var azurermAuthSuffixes = map[string]client.ConnectionAuthType{
	"_entra_id":                 client.ConnectionAuthTypeAAD,
	"_aad":                      client.ConnectionAuthTypeAAD,
	"_api_key":                  client.ConnectionAuthTypeAPIKey,
	"_account_key":              client.ConnectionAuthTypeAccountKey,
	"_custom_keys":              client.ConnectionAuthTypeCustomKeys,
	"_oauth2":                   client.ConnectionAuthTypeOAuth2,
	"_account_managed_identity": client.ConnectionAuthTypeAccountManagedIdentity,
}

// azurermPrefix is the type name of the scope's generic azurerm connection resource, which every type of the family
// starts with.
func azurermPrefix(sc scope) string {
	if sc.parentAttr == projectScope.parentAttr {
		return "azurerm_cognitive_account_project_connection"
	}
	return "azurerm_cognitive_account_connection"
}

// azurermAuthType reports whether typeName is one of the scope's azurerm connection types, and the auth type its
// name implies ("" for the generic type, whose state says it).
func azurermAuthType(sc scope, typeName string) (client.ConnectionAuthType, bool) {
	prefix := azurermPrefix(sc)
	if typeName == prefix {
		return "", true
	}
	auth, ok := azurermAuthSuffixes[strings.TrimPrefix(typeName, prefix)]
	return auth, ok && strings.HasPrefix(typeName, prefix)
}

// MoveState converts the scope's azurerm connection resources and azapi_resource of the scope's connection type
// (Microsoft.CognitiveServices/accounts/connections@… or accounts/projects/connections@…) into this resource,
// through the ARM body they stand for and the same flattening as a read. Secrets are not carried over: the
// configuration's credentials block supplies them (see the migration guide).
func (r *connectionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: r.moveConnection}}
}

func (r *connectionResource) moveConnection(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	target := "foundry" + r.sc.typeSuffix
	src := movestate.Source{Target: target, AzapiPrefix: strings.ToLower(r.sc.armType) + "@"}
	if auth, ok := azurermAuthType(r.sc, req.SourceTypeName); ok {
		src.AzurermType = req.SourceTypeName
		src.FromAzurerm = func(raw []byte) (map[string]any, error) { return connectionFromAzurerm(raw, auth) }
	}
	var c client.Connection
	body, ok := src.Body(req, resp, &c)
	if !ok {
		return
	}
	id, err := r.sc.parseID(movestate.AsString(body["id"]))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.MoveFailed(r.sc.object, req.SourceTypeName, target, err.Error()))
		return
	}
	if c.Properties == nil || !hasCredentialsBlock(c.Properties.AuthType) {
		auth := ""
		if c.Properties != nil {
			auth = string(c.Properties.AuthType)
		}
		resp.Diagnostics.Append(diagnostics.MoveFailed(r.sc.object, req.SourceTypeName, target,
			fmt.Sprintf("the connection's auth type %q has no credentials block in %s (it takes %s). Keep the connection in %s.",
				auth, target, quoteList(blockNames()), req.SourceTypeName)))
		return
	}
	var m connectionModel
	resp.Diagnostics.Append(flattenConnection(id, c, &m)...)
	if m.Timeouts.Object = movestate.NullTimeouts(resp, target); resp.Diagnostics.HasError() {
		return
	}
	// Keep the source's spelling of the parent ID (it is what the configuration references).
	parent := movestate.AccountIDSpelling(body["accountId"], r.sc.parentOf(id))
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, r.sc.value(parent, m))...)
	r.sc.identity.Save(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// hasCredentialsBlock reports whether the resource has a credentials block for an auth type.
func hasCredentialsBlock(t client.ConnectionAuthType) bool {
	for _, b := range credentialsBlocks {
		if strings.EqualFold(string(b.authType), string(t)) {
			return true
		}
	}
	return false
}

// connectionFromAzurerm maps the state of an azurerm connection resource (azurerm v4) to the ARM connection body.
// auth is the auth type the resource type implies, "" for the generic type. Only non-secret credential values come
// along (managed_identity and oauth2 identifiers); api_key, account_key, custom_keys and the oauth2 secrets are left
// behind on purpose.
func connectionFromAzurerm(raw []byte, auth client.ConnectionAuthType) (map[string]any, error) {
	s, err := movestate.Decode(raw)
	if err != nil {
		return nil, err
	}
	if auth == "" {
		auth = client.ConnectionAuthType(movestate.AsString(s["auth_type"]))
	}
	creds := map[string]any{}
	if mi := movestate.First(s["managed_identity"]); mi != nil {
		creds["clientId"], creds["resourceId"] = movestate.EmptyNil(mi["client_id"]), movestate.EmptyNil(mi["resource_id"])
	}
	if o := movestate.First(s["oauth2"]); o != nil {
		authURL := movestate.EmptyNil(o["auth_url"]) // the generic type; the _oauth2 type calls it authentication_url
		if authURL == nil {
			authURL = movestate.EmptyNil(o["authentication_url"])
		}
		creds["authUrl"], creds["clientId"] = authURL, movestate.EmptyNil(o["client_id"])
		creds["tenantId"], creds["username"] = movestate.EmptyNil(o["tenant_id"]), movestate.EmptyNil(o["username"])
	}
	props := map[string]any{
		"authType": auth, "category": s["category"], "target": movestate.EmptyNil(s["target"]), "metadata": s["metadata"],
	}
	if len(creds) > 0 {
		props["credentials"] = creds
	}
	parent := s["cognitive_account_id"]
	for _, k := range []string{"cognitive_account_project_id", "cognitive_project_id"} {
		if p := movestate.AsString(s[k]); p != "" {
			parent = p
		}
	}
	return map[string]any{"id": s["id"], "accountId": parent, "properties": props}, nil
}
