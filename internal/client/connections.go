package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Connection is a Microsoft.CognitiveServices/accounts/connections or accounts/projects/connections resource (the
// spec's ConnectionPropertiesV2BasicResource); both scopes share the shape. Read-only fields are decoded but never
// sent.
type Connection struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type       *string               `json:"type,omitempty"`
	Properties *ConnectionProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// ConnectionAuthType is the discriminator of ConnectionProperties (extensible).
type ConnectionAuthType string

// Connection auth types. The ones after AAD have no credentials subtype in the spec: their bodies are the base
// properties only.
const (
	ConnectionAuthTypePAT                    ConnectionAuthType = "PAT"
	ConnectionAuthTypeManagedIdentity        ConnectionAuthType = "ManagedIdentity"
	ConnectionAuthTypeUsernamePassword       ConnectionAuthType = "UsernamePassword"
	ConnectionAuthTypeNone                   ConnectionAuthType = "None"
	ConnectionAuthTypeSAS                    ConnectionAuthType = "SAS"
	ConnectionAuthTypeAccountKey             ConnectionAuthType = "AccountKey"
	ConnectionAuthTypeServicePrincipal       ConnectionAuthType = "ServicePrincipal"
	ConnectionAuthTypeAccessKey              ConnectionAuthType = "AccessKey"
	ConnectionAuthTypeAPIKey                 ConnectionAuthType = "ApiKey"
	ConnectionAuthTypeCustomKeys             ConnectionAuthType = "CustomKeys"
	ConnectionAuthTypeOAuth2                 ConnectionAuthType = "OAuth2"
	ConnectionAuthTypeAAD                    ConnectionAuthType = "AAD"
	ConnectionAuthTypeDelegatedSAS           ConnectionAuthType = "DelegatedSAS"
	ConnectionAuthTypeProjectManagedIdentity ConnectionAuthType = "ProjectManagedIdentity"
	ConnectionAuthTypeAccountManagedIdentity ConnectionAuthType = "AccountManagedIdentity"
	ConnectionAuthTypeUserEntraToken         ConnectionAuthType = "UserEntraToken"
	ConnectionAuthTypeAgentUserImpersonation ConnectionAuthType = "AgentUserImpersonation"
	ConnectionAuthTypeAgenticIdentityToken   ConnectionAuthType = "AgenticIdentityToken"
	ConnectionAuthTypeAgenticUser            ConnectionAuthType = "AgenticUser"
)

// ConnectionGroup is the read-only group the service derives from the category.
type ConnectionGroup string

// Connection groups.
const (
	ConnectionGroupAzure           ConnectionGroup = "Azure"
	ConnectionGroupAzureAI         ConnectionGroup = "AzureAI"
	ConnectionGroupDatabase        ConnectionGroup = "Database"
	ConnectionGroupNoSQL           ConnectionGroup = "NoSQL"
	ConnectionGroupFile            ConnectionGroup = "File"
	ConnectionGroupGenericProtocol ConnectionGroup = "GenericProtocol"
	ConnectionGroupServicesAndApps ConnectionGroup = "ServicesAndApps"
)

// ManagedPERequirement says how private endpoints are used with a connection.
type ManagedPERequirement string

// Private endpoint requirements.
const (
	ManagedPERequirementRequired      ManagedPERequirement = "Required"
	ManagedPERequirementNotRequired   ManagedPERequirement = "NotRequired"
	ManagedPERequirementNotApplicable ManagedPERequirement = "NotApplicable"
)

// ConnectionProperties is the spec's ConnectionPropertiesV2, polymorphic on AuthType: Credentials holds the subtype's
// credentials (one of the Connection*Credentials types) and is encoded as "credentials". On decoding, the
// credentials object is read into the type AuthType names; auth types without a subtype (AAD, None, DelegatedSAS,
// …) and unknown ones keep Credentials nil.
type ConnectionProperties struct {
	AuthType ConnectionAuthType `json:"authType"`
	// Category is extensible (ConnectionCategory in the spec); the service derives Group from it.
	Category                    *string               `json:"category,omitempty"`
	Target                      *string               `json:"target,omitempty"`
	Metadata                    map[string]string     `json:"metadata,omitzero"`
	IsSharedToAll               *bool                 `json:"isSharedToAll,omitempty"`
	SharedUserList              []string              `json:"sharedUserList,omitempty"`
	ExpiryTime                  *string               `json:"expiryTime,omitempty"`
	UseWorkspaceManagedIdentity *bool                 `json:"useWorkspaceManagedIdentity,omitempty"`
	Error                       *string               `json:"error,omitempty"`
	PERequirement               *ManagedPERequirement `json:"peRequirement,omitempty"`
	PEStatus                    *string               `json:"peStatus,omitempty"`
	// Group is read-only.
	Group *ConnectionGroup `json:"group,omitempty"`
	// CreatedByWorkspaceArmID is read-only.
	CreatedByWorkspaceArmID *string `json:"createdByWorkspaceArmId,omitempty"`
	// Credentials are the auth type's credentials; secrets in them are never returned by the service.
	Credentials ConnectionCredentials `json:"-"`
}

// ConnectionCredentials is implemented by the credentials of each auth type that has them.
type ConnectionCredentials interface {
	// AuthType is the discriminator value these credentials belong to.
	AuthType() ConnectionAuthType
}

// ConnectionAPIKeyCredentials are the credentials of ApiKey connections (ConnectionApiKey).
type ConnectionAPIKeyCredentials struct {
	// Key is a secret.
	Key *string `json:"key,omitempty"`
}

// ConnectionAccountKeyCredentials are the credentials of AccountKey connections (ConnectionAccountKey).
type ConnectionAccountKeyCredentials struct {
	// Key is a secret.
	Key *string `json:"key,omitempty"`
}

// ConnectionAccessKeyCredentials are the credentials of AccessKey connections (ConnectionAccessKey).
type ConnectionAccessKeyCredentials struct {
	AccessKeyID *string `json:"accessKeyId,omitempty"`
	// SecretAccessKey is a secret.
	SecretAccessKey *string `json:"secretAccessKey,omitempty"`
}

// ConnectionCustomKeysCredentials are the credentials of CustomKeys connections (CustomKeys); every value is secret.
type ConnectionCustomKeysCredentials struct {
	Keys map[string]string `json:"keys,omitempty"`
}

// ConnectionManagedIdentityCredentials are the credentials of ManagedIdentity connections (no secret).
type ConnectionManagedIdentityCredentials struct {
	ClientID   *string `json:"clientId,omitempty"`
	ResourceID *string `json:"resourceId,omitempty"`
}

// ConnectionOAuth2Credentials are the credentials of OAuth2 connections (ConnectionOAuth2).
type ConnectionOAuth2Credentials struct {
	AuthURL  *string `json:"authUrl,omitempty"`
	ClientID *string `json:"clientId,omitempty"`
	// ClientSecret is a secret.
	ClientSecret *string `json:"clientSecret,omitempty"`
	// DeveloperToken is a secret.
	DeveloperToken *string `json:"developerToken,omitempty"`
	// Password is a secret.
	Password *string `json:"password,omitempty"`
	// RefreshToken is a secret.
	RefreshToken *string `json:"refreshToken,omitempty"`
	TenantID     *string `json:"tenantId,omitempty"`
	Username     *string `json:"username,omitempty"`
}

// ConnectionPATCredentials are the credentials of PAT connections (ConnectionPersonalAccessToken).
type ConnectionPATCredentials struct {
	// PAT is a secret.
	PAT *string `json:"pat,omitempty"`
}

// ConnectionSASCredentials are the credentials of SAS connections (ConnectionSharedAccessSignature).
type ConnectionSASCredentials struct {
	// SAS is a secret.
	SAS *string `json:"sas,omitempty"`
}

// ConnectionServicePrincipalCredentials are the credentials of ServicePrincipal connections.
type ConnectionServicePrincipalCredentials struct {
	ClientID *string `json:"clientId,omitempty"`
	// ClientSecret is a secret.
	ClientSecret *string `json:"clientSecret,omitempty"`
	TenantID     *string `json:"tenantId,omitempty"`
}

// ConnectionUsernamePasswordCredentials are the credentials of UsernamePassword connections.
type ConnectionUsernamePasswordCredentials struct {
	// Password is a secret.
	Password *string `json:"password,omitempty"`
	// SecurityToken is a secret.
	SecurityToken *string `json:"securityToken,omitempty"`
	Username      *string `json:"username,omitempty"`
}

// AuthType implements ConnectionCredentials.
func (*ConnectionAPIKeyCredentials) AuthType() ConnectionAuthType { return ConnectionAuthTypeAPIKey }

// AuthType implements ConnectionCredentials.
func (*ConnectionAccountKeyCredentials) AuthType() ConnectionAuthType {
	return ConnectionAuthTypeAccountKey
}

// AuthType implements ConnectionCredentials.
func (*ConnectionAccessKeyCredentials) AuthType() ConnectionAuthType {
	return ConnectionAuthTypeAccessKey
}

// AuthType implements ConnectionCredentials.
func (*ConnectionCustomKeysCredentials) AuthType() ConnectionAuthType {
	return ConnectionAuthTypeCustomKeys
}

// AuthType implements ConnectionCredentials.
func (*ConnectionManagedIdentityCredentials) AuthType() ConnectionAuthType {
	return ConnectionAuthTypeManagedIdentity
}

// AuthType implements ConnectionCredentials.
func (*ConnectionOAuth2Credentials) AuthType() ConnectionAuthType { return ConnectionAuthTypeOAuth2 }

// AuthType implements ConnectionCredentials.
func (*ConnectionPATCredentials) AuthType() ConnectionAuthType { return ConnectionAuthTypePAT }

// AuthType implements ConnectionCredentials.
func (*ConnectionSASCredentials) AuthType() ConnectionAuthType { return ConnectionAuthTypeSAS }

// AuthType implements ConnectionCredentials.
func (*ConnectionServicePrincipalCredentials) AuthType() ConnectionAuthType {
	return ConnectionAuthTypeServicePrincipal
}

// AuthType implements ConnectionCredentials.
func (*ConnectionUsernamePasswordCredentials) AuthType() ConnectionAuthType {
	return ConnectionAuthTypeUsernamePassword
}

// newConnectionCredentials returns an empty credentials value for an auth type, or nil when the type has none.
func newConnectionCredentials(t ConnectionAuthType) ConnectionCredentials {
	switch t {
	case ConnectionAuthTypeAPIKey:
		return &ConnectionAPIKeyCredentials{}
	case ConnectionAuthTypeAccountKey:
		return &ConnectionAccountKeyCredentials{}
	case ConnectionAuthTypeAccessKey:
		return &ConnectionAccessKeyCredentials{}
	case ConnectionAuthTypeCustomKeys:
		return &ConnectionCustomKeysCredentials{}
	case ConnectionAuthTypeManagedIdentity:
		return &ConnectionManagedIdentityCredentials{}
	case ConnectionAuthTypeOAuth2:
		return &ConnectionOAuth2Credentials{}
	case ConnectionAuthTypePAT:
		return &ConnectionPATCredentials{}
	case ConnectionAuthTypeSAS:
		return &ConnectionSASCredentials{}
	case ConnectionAuthTypeServicePrincipal:
		return &ConnectionServicePrincipalCredentials{}
	case ConnectionAuthTypeUsernamePassword:
		return &ConnectionUsernamePasswordCredentials{}
	}
	return nil
}

// connectionPropertiesJSON is ConnectionProperties without its methods, plus the raw credentials.
type connectionPropertiesJSON struct {
	connectionPropertiesBase
	Credentials json.RawMessage `json:"credentials,omitempty"`
}

type connectionPropertiesBase ConnectionProperties

// MarshalJSON encodes the properties with Credentials as "credentials".
func (p ConnectionProperties) MarshalJSON() ([]byte, error) {
	out := connectionPropertiesJSON{connectionPropertiesBase: connectionPropertiesBase(p)}
	if p.Credentials != nil {
		raw, err := json.Marshal(p.Credentials)
		if err != nil {
			return nil, err
		}
		out.Credentials = raw
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes the base properties, then the credentials into the type authType names.
func (p *ConnectionProperties) UnmarshalJSON(b []byte) error {
	var in connectionPropertiesJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*p = ConnectionProperties(in.connectionPropertiesBase)
	p.Credentials = nil
	if len(in.Credentials) == 0 || string(in.Credentials) == "null" {
		return nil
	}
	creds := newConnectionCredentials(p.AuthType)
	if creds == nil {
		return nil // a type without credentials in the spec: ignore what the service sent
	}
	if err := json.Unmarshal(in.Credentials, creds); err != nil {
		return fmt.Errorf("decoding the credentials of a %s connection: %w", p.AuthType, err)
	}
	p.Credentials = creds
	return nil
}

// writable returns a copy of c without read-only fields, as sent in PUT and PATCH bodies.
func (c Connection) writable() Connection {
	c.ID, c.Name, c.Type, c.SystemData = nil, nil, nil, nil
	if c.Properties != nil {
		props := *c.Properties
		props.Group, props.CreatedByWorkspaceArmID = nil, nil
		c.Properties = &props
	}
	return c
}

// ConnectionUpdate is the PATCH body (ConnectionUpdateContent).
type ConnectionUpdate struct {
	Properties *ConnectionProperties `json:"properties,omitempty"`
}

// ConnectionID identifies a connection at either scope; AccountConnectionID and ProjectConnectionID implement it.
// Connection names are unique across the whole account: its projects' connections share the namespace.
type ConnectionID interface {
	// String returns the canonical ARM ID.
	String() string
	// Account returns the account the connection belongs to, directly or through its project.
	Account() AccountID
	// ConnectionName returns the connection's name.
	ConnectionName() string
	path() string
}

// AccountConnectionID identifies a Microsoft.CognitiveServices/accounts/connections resource.
type AccountConnectionID struct {
	AccountID AccountID
	Name      string
}

// NewAccountConnectionID returns the ID of the connection name under account.
func NewAccountConnectionID(account AccountID, name string) AccountConnectionID {
	return AccountConnectionID{AccountID: account, Name: name}
}

var accountConnectionShape = idShape{
	what:    "an account connection ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "connections", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/connections/connection1",
}

// ParseAccountConnectionID parses an account connection ID; keywords match case-insensitively and names keep
// their casing.
func ParseAccountConnectionID(s string) (AccountConnectionID, error) {
	n, err := accountConnectionShape.parse(s)
	if err != nil {
		return AccountConnectionID{}, err
	}
	return NewAccountConnectionID(NewAccountID(n[0], n[1], n[2]), n[3]), nil
}

// String returns the canonical ARM ID.
func (id AccountConnectionID) String() string {
	a := id.AccountID
	return accountConnectionShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// Account returns the ID of the connection's account.
func (id AccountConnectionID) Account() AccountID { return id.AccountID }

// ConnectionName returns the connection's name.
func (id AccountConnectionID) ConnectionName() string { return id.Name }

func (id AccountConnectionID) path() string {
	a := id.AccountID
	return accountConnectionShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// ProjectConnectionID identifies a Microsoft.CognitiveServices/accounts/projects/connections resource.
type ProjectConnectionID struct {
	ProjectID ProjectID
	Name      string
}

// NewProjectConnectionID returns the ID of the connection name under project.
func NewProjectConnectionID(project ProjectID, name string) ProjectConnectionID {
	return ProjectConnectionID{ProjectID: project, Name: name}
}

var projectConnectionShape = idShape{
	what: "a project connection ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "projects", "",
		"connections", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/projects/project1/connections/connection1",
}

// ParseProjectConnectionID parses a project connection ID; keywords match case-insensitively and names keep
// their casing.
func ParseProjectConnectionID(s string) (ProjectConnectionID, error) {
	n, err := projectConnectionShape.parse(s)
	if err != nil {
		return ProjectConnectionID{}, err
	}
	return NewProjectConnectionID(NewProjectID(NewAccountID(n[0], n[1], n[2]), n[3]), n[4]), nil
}

// String returns the canonical ARM ID.
func (id ProjectConnectionID) String() string {
	a := id.ProjectID.AccountID
	return projectConnectionShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.ProjectID.Name, id.Name)
}

// Account returns the ID of the account of the connection's project.
func (id ProjectConnectionID) Account() AccountID { return id.ProjectID.AccountID }

// ConnectionName returns the connection's name.
func (id ProjectConnectionID) ConnectionName() string { return id.Name }

func (id ProjectConnectionID) path() string {
	a := id.ProjectID.AccountID
	return projectConnectionShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.ProjectID.Name, id.Name)
}

// ListConnectionsOptions filter a connection list; zero values send nothing.
type ListConnectionsOptions struct {
	// Target lists only connections with this target.
	Target string
	// Category lists only connections of this category.
	Category string
	// IncludeAll also lists the connections the scope inherits (the spec's includeAll, default false).
	IncludeAll bool
}

func (o ListConnectionsOptions) query(rawURL string) string {
	q := url.Values{}
	if o.Target != "" {
		q.Set("target", o.Target)
	}
	if o.Category != "" {
		q.Set("category", o.Category)
	}
	if o.IncludeAll {
		q.Set("includeAll", strconv.FormatBool(true))
	}
	if len(q) == 0 {
		return rawURL
	}
	return rawURL + "?" + q.Encode()
}

// The operations below serve both scopes (AccountConnections_* and ProjectConnections_*): the ID's type selects the
// path. All of them are synchronous.

// GetConnection reads a connection; secrets are never returned.
func (c *Client) GetConnection(ctx context.Context, id ConnectionID) (Connection, error) {
	var out Connection
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// CreateOrUpdateConnection PUTs the whole connection (200 on create and on update) and returns the service's answer.
// A name used by another connection of the account or of any of its projects is refused with 409.
func (c *Client) CreateOrUpdateConnection(ctx context.Context, id ConnectionID, body Connection) (Connection, error) {
	var out Connection
	err := c.arm.call(ctx, http.MethodPut, c.url(id.path()), body.writable(), &out, http.StatusOK)
	return out, err
}

// updateConnection PATCHes the connection with the given properties.
func (c *Client) updateConnection(ctx context.Context, id ConnectionID, body ConnectionUpdate) (Connection, error) {
	if body.Properties != nil {
		body.Properties = Connection{Properties: body.Properties}.writable().Properties
	}
	var out Connection
	err := c.arm.call(ctx, http.MethodPatch, c.url(id.path()), body, &out, http.StatusOK)
	return out, err
}

// DeleteConnection deletes a connection; 204 (already gone) is success.
func (c *Client) DeleteConnection(ctx context.Context, id ConnectionID) error {
	return c.arm.call(ctx, http.MethodDelete, c.url(id.path()), nil, nil, http.StatusOK, http.StatusNoContent)
}

// ListAccountConnections lists the account's own connections, following nextLink.
func (c *Client) ListAccountConnections(ctx context.Context, account AccountID, opts ListConnectionsOptions) ([]Connection, error) {
	return list[Connection](ctx, c.arm, opts.query(c.url(account.path()+"/connections")))
}

// ListProjectConnections lists a project's connections, following nextLink.
func (c *Client) ListProjectConnections(ctx context.Context, project ProjectID, opts ListConnectionsOptions) ([]Connection, error) {
	return list[Connection](ctx, c.arm, opts.query(c.url(project.path()+"/connections")))
}
