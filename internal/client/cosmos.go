package client

import (
	"context"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/google/uuid"
)

// CosmosAPIVersion is the Microsoft.DocumentDB api-version (arm-neighbours.md §0: newest stable).
const CosmosAPIVersion = "2026-07-15"

// CosmosDataContributorRoleID is the GUID of the Cosmos DB Built-in Data Contributor SQL role definition.
const CosmosDataContributorRoleID = "00000000-0000-0000-0000-000000000002"

// CosmosAccount is a Microsoft.DocumentDB/databaseAccounts resource, as far as a connection needs it.
type CosmosAccount struct {
	ID         *string                  `json:"id,omitempty"`
	Name       *string                  `json:"name,omitempty"`
	Type       *string                  `json:"type,omitempty"`
	Location   *string                  `json:"location,omitempty"`
	Kind       *string                  `json:"kind,omitempty"`
	Properties *CosmosAccountProperties `json:"properties,omitempty"`
}

// CosmosAccountProperties are the read properties of a Cosmos DB account.
type CosmosAccountProperties struct {
	DocumentEndpoint  *string `json:"documentEndpoint,omitempty"`
	ProvisioningState *string `json:"provisioningState,omitempty"`
}

// CosmosAccountID identifies a Cosmos DB account.
type CosmosAccountID struct {
	SubscriptionID    string
	ResourceGroupName string
	Name              string
}

var cosmosAccountShape = idShape{
	what:    "a Cosmos DB account ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", "Microsoft.DocumentDB", "databaseAccounts", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.DocumentDB/databaseAccounts/cosmos1",
}

// ParseCosmosAccountID parses a Cosmos DB account ID.
func ParseCosmosAccountID(s string) (CosmosAccountID, error) {
	n, err := cosmosAccountShape.parse(s)
	if err != nil {
		return CosmosAccountID{}, err
	}
	return CosmosAccountID{SubscriptionID: n[0], ResourceGroupName: n[1], Name: n[2]}, nil
}

// String returns the canonical ARM ID.
func (id CosmosAccountID) String() string {
	return cosmosAccountShape.format(false, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

func (id CosmosAccountID) path() string {
	return cosmosAccountShape.format(true, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// SQLRoleDefinitionID is the ID of a SQL (data-plane) role definition of the account.
func (id CosmosAccountID) SQLRoleDefinitionID(guid string) string {
	return id.String() + "/sqlRoleDefinitions/" + guid
}

// DatabaseScope is the data-plane scope of a database of the account, as sqlRoleAssignments take it.
func (id CosmosAccountID) DatabaseScope(database string) string {
	return id.String() + "/dbs/" + database
}

// SQLRoleAssignment is a Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments resource: Cosmos DB data-plane
// RBAC, which never shows in Microsoft.Authorization listings.
type SQLRoleAssignment struct {
	ID         *string                      `json:"id,omitempty"`
	Name       *string                      `json:"name,omitempty"`
	Type       *string                      `json:"type,omitempty"`
	Properties *SQLRoleAssignmentProperties `json:"properties,omitempty"`
}

// SQLRoleAssignmentProperties are the properties of a SQL role assignment.
type SQLRoleAssignmentProperties struct {
	// RoleDefinitionID is the full ID, {account}/sqlRoleDefinitions/{guid}.
	RoleDefinitionID *string `json:"roleDefinitionId,omitempty"`
	// Scope is {account}, {account}/dbs/{db} or {account}/dbs/{db}/colls/{container}.
	Scope       *string `json:"scope,omitempty"`
	PrincipalID *string `json:"principalId,omitempty"`
}

// SQLRoleAssignmentID identifies a SQL role assignment of a Cosmos DB account.
type SQLRoleAssignmentID struct {
	Account CosmosAccountID
	Name    string
}

var sqlRoleAssignmentShape = idShape{
	what: "a Cosmos DB SQL role assignment ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", "Microsoft.DocumentDB", "databaseAccounts", "",
		"sqlRoleAssignments", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.DocumentDB/databaseAccounts/cosmos1/sqlRoleAssignments/11111111-1111-1111-1111-111111111111",
}

// ParseSQLRoleAssignmentID parses a SQL role assignment ID.
func ParseSQLRoleAssignmentID(s string) (SQLRoleAssignmentID, error) {
	n, err := sqlRoleAssignmentShape.parse(s)
	if err != nil {
		return SQLRoleAssignmentID{}, err
	}
	return SQLRoleAssignmentID{Account: CosmosAccountID{SubscriptionID: n[0], ResourceGroupName: n[1], Name: n[2]}, Name: n[3]}, nil
}

// String returns the canonical ARM ID.
func (id SQLRoleAssignmentID) String() string {
	a := id.Account
	return sqlRoleAssignmentShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

func (id SQLRoleAssignmentID) path() string {
	a := id.Account
	return sqlRoleAssignmentShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// SQLRoleAssignmentName is the deterministic name (UUIDv5, DNS namespace, like the samples' uuidv5) of the
// assignment of roleGUID to principalID at scope, so that a retried create PUTs the same name.
func SQLRoleAssignmentName(scope, roleGUID, principalID string) string {
	key := strings.ToLower("sql|" + strings.TrimSuffix(scope, "/") + "|" + roleGUID + "|" + principalID)
	return uuid.NewSHA1(uuid.NameSpaceDNS, []byte(key)).String()
}

func (c *Client) cosmos() requester { return requester{pl: c.arm.pl, apiVersion: CosmosAPIVersion} }

// GetCosmosAccount reads a Cosmos DB account.
func (c *Client) GetCosmosAccount(ctx context.Context, id CosmosAccountID) (CosmosAccount, error) {
	var out CosmosAccount
	err := c.cosmos().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// GetSQLRoleAssignment reads a SQL role assignment.
func (c *Client) GetSQLRoleAssignment(ctx context.Context, id SQLRoleAssignmentID) (SQLRoleAssignment, error) {
	var out SQLRoleAssignment
	err := c.cosmos().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// listSQLRoleAssignments lists the SQL role assignments of a Cosmos DB account.
func (c *Client) listSQLRoleAssignments(ctx context.Context, account CosmosAccountID) ([]SQLRoleAssignment, error) {
	return list[SQLRoleAssignment](ctx, c.cosmos(), c.url(account.path()+"/sqlRoleAssignments"))
}

// BeginCreateOrUpdateSQLRoleAssignment PUTs a SQL role assignment (long-running: 200 done or 202; the result is a
// fresh GET). Cosmos refuses a second concurrent write on one account with 412 PreconditionFailed, which the client
// retries; callers should still serialise writes per Cosmos account.
func (c *Client) BeginCreateOrUpdateSQLRoleAssignment(ctx context.Context, id SQLRoleAssignmentID, body SQLRoleAssignment) (*runtime.Poller[SQLRoleAssignment], error) {
	body.ID, body.Name, body.Type = nil, nil, nil
	get := func(ctx context.Context) (SQLRoleAssignment, error) { return c.GetSQLRoleAssignment(ctx, id) }
	return beginThenGet(ctx, c.cosmos(), http.MethodPut, c.url(id.path()), body, runtime.FinalStateViaOriginalURI, get,
		http.StatusOK, http.StatusCreated, http.StatusAccepted)
}

// BeginDeleteSQLRoleAssignment deletes a SQL role assignment; 204 (already absent) is success too.
func (c *Client) BeginDeleteSQLRoleAssignment(ctx context.Context, id SQLRoleAssignmentID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.cosmos(), c.url(id.path()))
}
