package client

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Names of the built-in RAI policies, which deployments may name without creating them.
const (
	RAIPolicyNameDefault   = "Microsoft.Default"
	RAIPolicyNameDefaultV2 = "Microsoft.DefaultV2"
)

// RAIPolicy is a Microsoft.CognitiveServices/accounts/raiPolicies resource: a content filter (responsible AI) policy
// that deployments name in their raiPolicyName. Read-only fields are decoded but never sent.
type RAIPolicy struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type *string           `json:"type,omitempty"`
	Tags map[string]string `json:"tags,omitzero"`
	// Etag is read-only.
	Etag       *string              `json:"etag,omitempty"`
	Properties *RAIPolicyProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// RAIPolicyType says who manages a policy (read-only): the built-in policies are SystemManaged.
type RAIPolicyType string

// RAI policy types.
const (
	RAIPolicyTypeUserManaged   RAIPolicyType = "UserManaged"
	RAIPolicyTypeSystemManaged RAIPolicyType = "SystemManaged"
)

// RAIPolicyMode is when filtering happens relative to streaming; the spec says to use AsynchronousFilter rather than
// its older synonym Deferred.
type RAIPolicyMode string

// RAI policy modes.
const (
	RAIPolicyModeDefault            RAIPolicyMode = "Default"
	RAIPolicyModeDeferred           RAIPolicyMode = "Deferred"
	RAIPolicyModeBlocking           RAIPolicyMode = "Blocking"
	RAIPolicyModeAsynchronousFilter RAIPolicyMode = "Asynchronous_filter"
)

// RAIContentLevel is the severity at which a content filter acts (the spec's ContentLevel).
type RAIContentLevel string

// Content levels.
const (
	RAIContentLevelLow    RAIContentLevel = "Low"
	RAIContentLevelMedium RAIContentLevel = "Medium"
	RAIContentLevelHigh   RAIContentLevel = "High"
)

// RAIPolicyContentSource is the content a filter, blocklist or safety provider applies to.
type RAIPolicyContentSource string

// Content sources.
const (
	RAIPolicyContentSourcePrompt       RAIPolicyContentSource = "Prompt"
	RAIPolicyContentSourceCompletion   RAIPolicyContentSource = "Completion"
	RAIPolicyContentSourcePreToolCall  RAIPolicyContentSource = "PreToolCall"
	RAIPolicyContentSourcePostToolCall RAIPolicyContentSource = "PostToolCall"
	RAIPolicyContentSourcePreRun       RAIPolicyContentSource = "PreRun"
	RAIPolicyContentSourcePostRun      RAIPolicyContentSource = "PostRun"
)

// RAIActionType is what a content filter does (the spec's RaiActionType); note the upper-case values.
type RAIActionType string

// RAI action types.
const (
	RAIActionTypeNone       RAIActionType = "None"
	RAIActionTypeBlocking   RAIActionType = "BLOCKING"
	RAIActionTypeAnnotating RAIActionType = "ANNOTATING"
	RAIActionTypeHITL       RAIActionType = "HITL"
	RAIActionTypeRetry      RAIActionType = "RETRY"
)

// RAIPolicyProperties are the properties of a RAI policy.
type RAIPolicyProperties struct {
	// Type is read-only.
	Type *RAIPolicyType `json:"type,omitempty"`
	Mode *RAIPolicyMode `json:"mode,omitempty"`
	// BasePolicyName is the policy this one starts from, e.g. RAIPolicyNameDefaultV2.
	BasePolicyName *string `json:"basePolicyName,omitempty"`
	// ContentFilters are identified by name and source together (a name appears once per source).
	ContentFilters   []RAIPolicyContentFilter   `json:"contentFilters,omitzero"`
	CustomBlocklists []RAICustomBlocklistConfig `json:"customBlocklists,omitzero"`
	SafetyProviders  []RAISafetyProviderConfig  `json:"safetyProviders,omitzero"`
	// EgressPolicy controls which external endpoints sandboxed agents can reach.
	EgressPolicy *RAIEgressPolicy `json:"egressPolicy,omitempty"`
}

// RAIPolicyContentFilter configures one content filter of a policy (the spec's RaiPolicyContentFilter).
type RAIPolicyContentFilter struct {
	// Name is the filter's name as in the location's content filter list (RAIContentFilterProperties.Name), e.g.
	// "Hate", "Jailbreak", "Protected Material Text".
	Name    *string `json:"name,omitempty"`
	Enabled *bool   `json:"enabled,omitempty"`
	// SeverityThreshold applies to multi-level filters only.
	SeverityThreshold *RAIContentLevel        `json:"severityThreshold,omitempty"`
	Blocking          *bool                   `json:"blocking,omitempty"`
	Source            *RAIPolicyContentSource `json:"source,omitempty"`
	Action            *RAIActionType          `json:"action,omitempty"`
}

// RAICustomBlocklistConfig attaches a blocklist of the account to a policy (the spec's CustomBlocklistConfig).
type RAICustomBlocklistConfig struct {
	// BlocklistName names a raiBlocklists resource of the account.
	BlocklistName *string                 `json:"blocklistName,omitempty"`
	Blocking      *bool                   `json:"blocking,omitempty"`
	Source        *RAIPolicyContentSource `json:"source,omitempty"`
}

// RAISafetyProviderConfig attaches a safety provider to a policy (the spec's SafetyProviderConfig).
type RAISafetyProviderConfig struct {
	SafetyProviderName *string                 `json:"safetyProviderName,omitempty"`
	Blocking           *bool                   `json:"blocking,omitempty"`
	Source             *RAIPolicyContentSource `json:"source,omitempty"`
}

// RAIEgressMode is the enforcement mode of an egress policy; the service defaults to Enforced.
type RAIEgressMode string

// Egress modes.
const (
	RAIEgressModeEnforced RAIEgressMode = "Enforced"
	RAIEgressModeAudit    RAIEgressMode = "Audit"
)

// RAIEgressDefaultAction applies to traffic no rule matches; the service defaults to Deny.
type RAIEgressDefaultAction string

// Egress default actions.
const (
	RAIEgressDefaultActionAllow RAIEgressDefaultAction = "Allow"
	RAIEgressDefaultActionDeny  RAIEgressDefaultAction = "Deny"
)

// RAIEgressRuleType says how an egress rule matches traffic; note "Fqdn", unlike the outbound rule type "FQDN".
type RAIEgressRuleType string

// Egress rule types.
const (
	RAIEgressRuleTypeFqdn RAIEgressRuleType = "Fqdn"
)

// RAIEgressRuleActionType is what an egress rule does with matching traffic.
type RAIEgressRuleActionType string

// Egress rule action types.
const (
	RAIEgressRuleActionTypeAllow     RAIEgressRuleActionType = "Allow"
	RAIEgressRuleActionTypeDeny      RAIEgressRuleActionType = "Deny"
	RAIEgressRuleActionTypeTransform RAIEgressRuleActionType = "Transform"
	RAIEgressRuleActionTypeRewrite   RAIEgressRuleActionType = "Rewrite"
)

// RAIEgressHeaderOperation is what a header transform does.
type RAIEgressHeaderOperation string

// Header operations.
const (
	RAIEgressHeaderOperationSet    RAIEgressHeaderOperation = "Set"
	RAIEgressHeaderOperationInsert RAIEgressHeaderOperation = "Insert"
	RAIEgressHeaderOperationRemove RAIEgressHeaderOperation = "Remove"
)

// RAIEgressScheme is the scheme of a rewrite target.
type RAIEgressScheme string

// Rewrite schemes.
const (
	RAIEgressSchemeHTTP  RAIEgressScheme = "http"
	RAIEgressSchemeHTTPS RAIEgressScheme = "https"
)

// RAIEgressPolicy is the egress (outbound network) policy of a RAI policy (the spec's RaiEgressPolicyConfig). The
// service fills Mode and DefaultAction with their effective values when they are not sent.
type RAIEgressPolicy struct {
	Mode          *RAIEgressMode          `json:"mode,omitempty"`
	DefaultAction *RAIEgressDefaultAction `json:"defaultAction,omitempty"`
	Description   *string                 `json:"description,omitempty"`
	// Rules are evaluated in order; the first match wins. Names are unique within the policy.
	Rules []RAIEgressRule `json:"rules,omitzero"`
}

// RAIEgressRule is one egress rule; Name, RuleType and Action are required.
type RAIEgressRule struct {
	Name        string              `json:"name"`
	Description *string             `json:"description,omitempty"`
	RuleType    RAIEgressRuleType   `json:"ruleType"`
	Match       *RAIEgressRuleMatch `json:"match,omitempty"`
	Action      RAIEgressRuleAction `json:"action"`
}

// RAIEgressRuleMatch selects traffic; with neither field the rule matches everything.
type RAIEgressRuleMatch struct {
	// Host uses DNS wildcards, e.g. "*.openai.com".
	Host *string `json:"host,omitempty"`
	// Path is a URI prefix where "*" matches one segment, e.g. "/v1/*".
	Path *string `json:"path,omitempty"`
}

// RAIEgressRuleAction is the action of an egress rule: Allow and Deny take no Headers or Rewrite; Transform needs
// Headers; Rewrite needs Rewrite and may have Headers.
type RAIEgressRuleAction struct {
	ActionType RAIEgressRuleActionType    `json:"actionType"`
	Headers    []RAIEgressHeaderTransform `json:"headers,omitzero"`
	Rewrite    *RAIEgressRewriteTarget    `json:"rewrite,omitempty"`
}

// RAIEgressHeaderTransform sets, inserts or removes a header; Set and Insert need exactly one of Value and ValueRef.
type RAIEgressHeaderTransform struct {
	Operation RAIEgressHeaderOperation `json:"operation"`
	Name      string                   `json:"name"`
	// Value is a secret and write-only: the service never returns it and keeps the stored one when it is not sent.
	Value    *string                  `json:"value,omitempty"`
	ValueRef *RAIEgressHeaderValueRef `json:"valueRef,omitempty"`
}

// RAIEgressHeaderValueRef resolves a header value at request time; exactly one field is set.
type RAIEgressHeaderValueRef struct {
	SecretRef          *RAIEgressSecretRef          `json:"secretRef,omitempty"`
	ManagedIdentityRef *RAIEgressManagedIdentityRef `json:"managedIdentityRef,omitempty"`
}

// RAIEgressSecretRef takes a header value from a stored secret.
type RAIEgressSecretRef struct {
	SecretID string `json:"secretId"`
	// SecretKey is marked secret in the spec.
	SecretKey *string `json:"secretKey,omitempty"`
	// Format wraps the value, "{value}" being the placeholder, e.g. "Bearer {value}".
	Format *string `json:"format,omitempty"`
}

// RAIEgressManagedIdentityRef takes a header value from a managed identity token.
type RAIEgressManagedIdentityRef struct {
	// Resource is the token's audience.
	Resource string `json:"resource"`
	// Format wraps the token, "{value}" being the placeholder, e.g. "Bearer {value}".
	Format *string `json:"format,omitempty"`
}

// RAIEgressRewriteTarget is where a Rewrite action sends traffic; fields left out keep the request's values, and at
// least one must be set (the service answers 400 otherwise).
type RAIEgressRewriteTarget struct {
	Scheme *RAIEgressScheme `json:"scheme,omitempty"`
	Host   *string          `json:"host,omitempty"`
	Path   *string          `json:"path,omitempty"`
}

// writable returns a copy of p without read-only fields, as sent in PUT bodies.
func (p RAIPolicy) writable() RAIPolicy {
	p.ID, p.Name, p.Type, p.Etag, p.SystemData = nil, nil, nil, nil, nil
	if p.Properties != nil {
		props := *p.Properties
		props.Type = nil
		p.Properties = &props
	}
	return p
}

// RAIPolicyID identifies a Microsoft.CognitiveServices/accounts/raiPolicies resource.
type RAIPolicyID struct {
	AccountID AccountID
	Name      string
}

// NewRAIPolicyID returns the ID of the RAI policy name under account.
func NewRAIPolicyID(account AccountID, name string) RAIPolicyID {
	return RAIPolicyID{AccountID: account, Name: name}
}

var raiPolicyShape = idShape{
	what:    "a RAI policy ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "raiPolicies", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/raiPolicies/policy1",
}

// ParseRAIPolicyID parses a RAI policy ID; keywords match case-insensitively and names keep their casing.
func ParseRAIPolicyID(s string) (RAIPolicyID, error) {
	n, err := raiPolicyShape.parse(s)
	if err != nil {
		return RAIPolicyID{}, err
	}
	return NewRAIPolicyID(NewAccountID(n[0], n[1], n[2]), n[3]), nil
}

// Account returns the ID of the policy's account.
func (id RAIPolicyID) Account() AccountID {
	return id.AccountID
}

// String returns the canonical ARM ID.
func (id RAIPolicyID) String() string {
	a := id.AccountID
	return raiPolicyShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

func (id RAIPolicyID) path() string {
	a := id.AccountID
	return raiPolicyShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// GetRAIPolicy reads a RAI policy.
func (c *Client) GetRAIPolicy(ctx context.Context, id RAIPolicyID) (RAIPolicy, error) {
	var out RAIPolicy
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// CreateOrUpdateRAIPolicy PUTs the whole policy; synchronous: 200 (updated) or 201 (created) with the policy.
func (c *Client) CreateOrUpdateRAIPolicy(ctx context.Context, id RAIPolicyID, body RAIPolicy) (RAIPolicy, error) {
	var out RAIPolicy
	err := c.arm.call(ctx, http.MethodPut, c.url(id.path()), body.writable(), &out, http.StatusOK, http.StatusCreated)
	return out, err
}

// BeginDeleteRAIPolicy deletes a RAI policy (202 + Location; 204 when absent).
func (c *Client) BeginDeleteRAIPolicy(ctx context.Context, id RAIPolicyID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// ListRAIPolicies lists an account's RAI policies, following nextLink; built-in policies the service lists have
// Type SystemManaged.
func (c *Client) ListRAIPolicies(ctx context.Context, account AccountID) ([]RAIPolicy, error) {
	return list[RAIPolicy](ctx, c.arm, c.url(account.path()+"/raiPolicies"))
}
