package client

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// The operations below implement the specification but the provider does not use them, so they are unexported; the
// client tests (package client_test) reach them here under their exported names and check them against the spec.

func (c *Client) RegenerateKey(ctx context.Context, id AccountID, keyName KeyName) (APIKeys, error) {
	return c.regenerateKey(ctx, id, keyName)
}

func (c *Client) ListAccountsByResourceGroup(ctx context.Context, rg ResourceGroupID) ([]Account, error) {
	return c.listAccountsByResourceGroup(ctx, rg)
}

func (p *ProjectClient) GetAgentVersion(ctx context.Context, name, version string) (AgentVersion, error) {
	return p.getAgentVersion(ctx, name, version)
}

func (c *Client) GetRoleDefinition(ctx context.Context, scope, guid string) (RoleDefinition, error) {
	return c.getRoleDefinition(ctx, scope, guid)
}

func (c *Client) GetAccountCapabilityHost(ctx context.Context, id AccountID, name string) (CapabilityHost, error) {
	return c.getAccountCapabilityHost(ctx, id, name)
}

func (c *Client) UpdateConnection(ctx context.Context, id ConnectionID, body ConnectionUpdate) (Connection, error) {
	return c.updateConnection(ctx, id, body)
}

func (c *Client) ListSQLRoleAssignments(ctx context.Context, account CosmosAccountID) ([]SQLRoleAssignment, error) {
	return c.listSQLRoleAssignments(ctx, account)
}

func (c *Client) BeginUpdateDeployment(ctx context.Context, id DeploymentID, body DeploymentUpdate) (*runtime.Poller[Deployment], error) {
	return c.beginUpdateDeployment(ctx, id, body)
}

func (c *Client) BeginUpdateProject(ctx context.Context, id ProjectID, body Project) (*runtime.Poller[Project], error) {
	return c.beginUpdateProject(ctx, id, body)
}

func (c *Client) ListManagedNetworks(ctx context.Context, account AccountID) ([]ManagedNetwork, error) {
	return c.listManagedNetworks(ctx, account)
}

func (c *Client) BeginBatchOutboundRules(ctx context.Context, id ManagedNetworkID, body ManagedNetworkSettings) (*runtime.Poller[[]OutboundRule], error) {
	return c.beginBatchOutboundRules(ctx, id, body)
}

func (id AccountCapabilityHostID) IsImplicit() bool { return id.isImplicit() }

func (id KeyID) Versionless() KeyID { return id.versionless() }

var (
	IsPermissionDenied   = isPermissionDenied
	IsPreconditionFailed = isPreconditionFailed
	IsTokenRejected      = isTokenRejected
	ParseResourceGroupID = parseResourceGroupID
)
