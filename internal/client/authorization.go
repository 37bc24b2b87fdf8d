package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/google/uuid"
)

// AuthorizationAPIVersion is the Microsoft.Authorization API version of role assignment and definition calls
// (arm-neighbours.md §0: newest stable, the one azurerm and the samples use).
const AuthorizationAPIVersion = "2022-04-01"

const (
	roleAssignmentsSegment = "/providers/Microsoft.Authorization/roleAssignments/"
	roleDefinitionsSegment = "/providers/Microsoft.Authorization/roleDefinitions/"
)

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsGUID reports whether s is a GUID in the 8-4-4-4-12 form.
func IsGUID(s string) bool { return guidPattern.MatchString(s) }

// RoleAssignment is a Microsoft.Authorization/roleAssignments resource (an extension resource at any scope).
type RoleAssignment struct {
	// ID is read-only: {scope}/providers/Microsoft.Authorization/roleAssignments/{name}.
	ID *string `json:"id,omitempty"`
	// Name is read-only (a GUID).
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type       *string                   `json:"type,omitempty"`
	Properties *RoleAssignmentProperties `json:"properties,omitempty"`
}

// RoleAssignmentProperties are the properties of a role assignment. Only Description, Condition and
// ConditionVersion can change after creation.
type RoleAssignmentProperties struct {
	// RoleDefinitionID is the full ID, /subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}.
	RoleDefinitionID *string `json:"roleDefinitionId,omitempty"`
	PrincipalID      *string `json:"principalId,omitempty"`
	// PrincipalType is User, Group, ServicePrincipal, ForeignGroup or Device; setting it lets ARM skip the
	// directory lookup that fails for identities not yet replicated.
	PrincipalType    *string `json:"principalType,omitempty"`
	Description      *string `json:"description,omitempty"`
	Condition        *string `json:"condition,omitempty"`
	ConditionVersion *string `json:"conditionVersion,omitempty"`
	// Scope is read-only.
	Scope *string `json:"scope,omitempty"`
	// CreatedOn, UpdatedOn, CreatedBy and UpdatedBy are read-only.
	CreatedOn *time.Time `json:"createdOn,omitempty"`
	UpdatedOn *time.Time `json:"updatedOn,omitempty"`
	CreatedBy *string    `json:"createdBy,omitempty"`
	UpdatedBy *string    `json:"updatedBy,omitempty"`
}

// RoleAssignmentID identifies a role assignment: the scope it is attached to and its name (a GUID).
type RoleAssignmentID struct {
	Scope string
	Name  string
}

// NewRoleAssignmentID returns the ID of the assignment name at scope (an ARM resource ID, without trailing slash).
func NewRoleAssignmentID(scope, name string) RoleAssignmentID {
	return RoleAssignmentID{Scope: strings.TrimSuffix(scope, "/"), Name: name}
}

const roleAssignmentExample = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1" +
	roleAssignmentsSegment + "11111111-1111-1111-1111-111111111111"

// ParseRoleAssignmentID parses {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}; the keywords match
// case-insensitively.
func ParseRoleAssignmentID(s string) (RoleAssignmentID, error) {
	bad := func(reason string) error {
		return fmt.Errorf("parsing %q as a role assignment ID: %s; expected the shape {scope}%s{guid}, for example %s",
			s, reason, roleAssignmentsSegment, roleAssignmentExample)
	}
	i := strings.LastIndex(strings.ToLower(s), strings.ToLower(roleAssignmentsSegment))
	if i < 0 {
		return RoleAssignmentID{}, bad("it has no " + strings.Trim(roleAssignmentsSegment, "/") + " segment")
	}
	scope, name := s[:i], s[i+len(roleAssignmentsSegment):]
	if !strings.HasPrefix(scope, "/") {
		return RoleAssignmentID{}, bad("the scope must start with /")
	}
	if !IsGUID(name) {
		return RoleAssignmentID{}, bad(fmt.Sprintf("the name %q is not a GUID", name))
	}
	return RoleAssignmentID{Scope: scope, Name: name}, nil
}

// String returns the canonical ARM ID.
func (id RoleAssignmentID) String() string {
	return id.Scope + roleAssignmentsSegment + id.Name
}

func (id RoleAssignmentID) path() string {
	return escapeScope(id.Scope) + roleAssignmentsSegment + url.PathEscape(id.Name)
}

// escapeScope path-escapes each segment of an ARM ID used as a scope.
func escapeScope(scope string) string {
	segs := strings.Split(strings.TrimSuffix(scope, "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// RoleAssignmentName is the deterministic name of the assignment of roleDefinitionGUID to principalID at scope: a
// UUIDv5 (DNS namespace, like Terraform's uuidv5("dns", ...) in the samples) over the three lower-cased values, so
// that a retried or repeated create PUTs the same name instead of getting 409 RoleAssignmentExists.
func RoleAssignmentName(scope, roleDefinitionGUID, principalID string) string {
	key := strings.ToLower(strings.TrimSuffix(scope, "/") + "|" + roleDefinitionGUID + "|" + principalID)
	return uuid.NewSHA1(uuid.NameSpaceDNS, []byte(key)).String()
}

// RoleDefinitionGUID returns the GUID of a role definition given as a GUID or as a full ID of any scope.
func RoleDefinitionGUID(idOrGUID string) (string, error) {
	s := strings.TrimSuffix(idOrGUID, "/")
	if i := strings.LastIndex(strings.ToLower(s), strings.ToLower(roleDefinitionsSegment)); i >= 0 {
		s = s[i+len(roleDefinitionsSegment):]
	}
	if !IsGUID(s) {
		return "", fmt.Errorf("%q is neither a role definition GUID nor an ID ending in %s{guid}", idOrGUID, roleDefinitionsSegment)
	}
	return strings.ToLower(s), nil
}

// RoleDefinitionID returns the subscription-level ID of a role definition, the form role assignment bodies carry.
func RoleDefinitionID(subscriptionID, guid string) string {
	return "/subscriptions/" + subscriptionID + roleDefinitionsSegment + strings.ToLower(guid)
}

// authz returns the requester for Microsoft.Authorization calls: the ARM pipeline with that RP's api-version.
func (c *Client) authz() requester {
	return requester{pl: c.arm.pl, apiVersion: AuthorizationAPIVersion}
}

// GetRoleAssignment reads a role assignment.
func (c *Client) GetRoleAssignment(ctx context.Context, id RoleAssignmentID) (RoleAssignment, error) {
	var out RoleAssignment
	err := c.authz().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// CreateRoleAssignment PUTs a role assignment (synchronous: 201 created, 200 when it already existed under this
// name). Read-only properties are not sent. ARM answers 409 RoleAssignmentExists when the same (scope, role,
// principal) exists under another name, and 400 PrincipalNotFound while a new identity is not yet replicated.
func (c *Client) CreateRoleAssignment(ctx context.Context, id RoleAssignmentID, body RoleAssignment) (RoleAssignment, error) {
	send := RoleAssignment{}
	if body.Properties != nil {
		p := *body.Properties
		p.Scope, p.CreatedOn, p.UpdatedOn, p.CreatedBy, p.UpdatedBy = nil, nil, nil, nil, nil
		send.Properties = &p
	}
	var out RoleAssignment
	err := c.authz().call(ctx, http.MethodPut, c.url(id.path()), send, &out, http.StatusOK, http.StatusCreated)
	return out, err
}

// DeleteRoleAssignment deletes a role assignment; 204 (already absent) is success too.
func (c *Client) DeleteRoleAssignment(ctx context.Context, id RoleAssignmentID) error {
	return c.authz().call(ctx, http.MethodDelete, c.url(id.path()), nil, nil, http.StatusOK, http.StatusNoContent)
}

// ListRoleAssignments lists the role assignments at scope (and, as ARM does, those inherited from above it and
// those below it unless filter restricts them), following nextLink. filter is an OData $filter such as
// "atScope()" or "principalId eq '{id}'"; "" lists everything.
func (c *Client) ListRoleAssignments(ctx context.Context, scope, filter string) ([]RoleAssignment, error) {
	return list[RoleAssignment](ctx, c.authz(), c.url(escapeScope(scope)+strings.TrimSuffix(roleAssignmentsSegment, "/")+filterQuery(filter)))
}

// filterQuery returns "?$filter=..." (encoded) or "" for an empty filter. api-version is added by the requester.
func filterQuery(filter string) string {
	if filter == "" {
		return ""
	}
	return "?" + url.Values{"$filter": {filter}}.Encode()
}

// PrincipalFilter is the $filter of ListRoleAssignments that selects one principal's assignments.
func PrincipalFilter(principalID string) string {
	return "principalId eq '" + strings.ReplaceAll(principalID, "'", "''") + "'"
}

// RoleDefinition is a Microsoft.Authorization/roleDefinitions resource (built-in or custom).
type RoleDefinition struct {
	ID         *string                   `json:"id,omitempty"`
	Name       *string                   `json:"name,omitempty"`
	Type       *string                   `json:"type,omitempty"`
	Properties *RoleDefinitionProperties `json:"properties,omitempty"`
}

// RoleDefinitionProperties are the properties of a role definition.
type RoleDefinitionProperties struct {
	RoleName         *string          `json:"roleName,omitempty"`
	Type             *string          `json:"type,omitempty"`
	Description      *string          `json:"description,omitempty"`
	AssignableScopes []string         `json:"assignableScopes,omitempty"`
	Permissions      []RolePermission `json:"permissions,omitempty"`
}

// RolePermission is one permission block of a role definition.
type RolePermission struct {
	Actions        []string `json:"actions,omitempty"`
	NotActions     []string `json:"notActions,omitempty"`
	DataActions    []string `json:"dataActions,omitempty"`
	NotDataActions []string `json:"notDataActions,omitempty"`
}

// getRoleDefinition reads the role definition guid as seen from scope (built-in roles resolve at any scope).
func (c *Client) getRoleDefinition(ctx context.Context, scope, guid string) (RoleDefinition, error) {
	var out RoleDefinition
	err := c.authz().call(ctx, http.MethodGet, c.url(escapeScope(scope)+roleDefinitionsSegment+url.PathEscape(guid)), nil, &out, http.StatusOK)
	return out, err
}

// ListRoleDefinitions lists the role definitions usable at scope, following nextLink; filter is an OData $filter
// such as RoleNameFilter(name), or "".
func (c *Client) ListRoleDefinitions(ctx context.Context, scope, filter string) ([]RoleDefinition, error) {
	return list[RoleDefinition](ctx, c.authz(), c.url(escapeScope(scope)+strings.TrimSuffix(roleDefinitionsSegment, "/")+filterQuery(filter)))
}

// RoleNameFilter is the $filter of ListRoleDefinitions that selects a role by its (current) name.
func RoleNameFilter(name string) string {
	return "roleName eq '" + strings.ReplaceAll(name, "'", "''") + "'"
}

// Caller is who the provider's credential signs in as, read from the claims of an access token.
type Caller struct {
	// ObjectID is the principal's object ID (oid claim), what role assignments take as principal ID.
	ObjectID string
	// TenantID is the tid claim.
	TenantID string
	// ClientID is the application ID (appid or azp claim); empty for some user tokens.
	ClientID string
}

// Caller obtains a Resource Manager token through the client's credential and decodes its payload. The signature
// is not checked: the token comes straight from the credential and is only read, never trusted for a decision.
func (c *Client) Caller(ctx context.Context) (Caller, error) {
	aud := c.opts.Cloud.Services[cloud.ResourceManager].Audience
	tok, err := c.opts.Credential.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{strings.TrimSuffix(aud, "/") + "/.default"}})
	if err != nil {
		return Caller{}, fmt.Errorf("getting a token for %s: %w", aud, err)
	}
	return parseCaller(tok.Token)
}

func parseCaller(token string) (Caller, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Caller{}, errors.New("the access token is not a JWT (it has no three dot-separated parts)")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return Caller{}, fmt.Errorf("decoding the access token's payload: %w", err)
	}
	var claims struct {
		OID   string `json:"oid"`
		TID   string `json:"tid"`
		AppID string `json:"appid"`
		AZP   string `json:"azp"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return Caller{}, fmt.Errorf("decoding the access token's claims: %w", err)
	}
	if claims.OID == "" {
		return Caller{}, errors.New("the access token has no oid (object ID) claim")
	}
	out := Caller{ObjectID: claims.OID, TenantID: claims.TID, ClientID: claims.AppID}
	if out.ClientID == "" {
		out.ClientID = claims.AZP
	}
	return out, nil
}
