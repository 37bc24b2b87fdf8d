package client

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Deployment is a Microsoft.CognitiveServices/accounts/deployments resource: a model deployed in an account.
// Read-only fields are decoded but never sent. It has no location or identity.
type Deployment struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type *string `json:"type,omitempty"`
	// SKU sets the deployment type (e.g. "Standard", "GlobalStandard", "ProvisionedManaged") and its capacity.
	SKU  *SKU              `json:"sku,omitempty"`
	Tags map[string]string `json:"tags,omitzero"`
	// Etag is read-only.
	Etag       *string               `json:"etag,omitempty"`
	Properties *DeploymentProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// DeploymentProvisioningState is the state of a deployment (read-only).
type DeploymentProvisioningState string

// Known deployment provisioning states.
const (
	DeploymentProvisioningStateAccepted  DeploymentProvisioningState = "Accepted"
	DeploymentProvisioningStateCreating  DeploymentProvisioningState = "Creating"
	DeploymentProvisioningStateDeleting  DeploymentProvisioningState = "Deleting"
	DeploymentProvisioningStateMoving    DeploymentProvisioningState = "Moving"
	DeploymentProvisioningStateFailed    DeploymentProvisioningState = "Failed"
	DeploymentProvisioningStateSucceeded DeploymentProvisioningState = "Succeeded"
	DeploymentProvisioningStateDisabled  DeploymentProvisioningState = "Disabled"
	DeploymentProvisioningStateCanceled  DeploymentProvisioningState = "Canceled"
)

// DeploymentModelVersionUpgradeOption says when the service moves a deployment to a newer model version.
type DeploymentModelVersionUpgradeOption string

// Version upgrade options.
const (
	DeploymentModelVersionUpgradeOptionOnceNewDefaultVersionAvailable DeploymentModelVersionUpgradeOption = "OnceNewDefaultVersionAvailable"
	DeploymentModelVersionUpgradeOptionOnceCurrentVersionExpired      DeploymentModelVersionUpgradeOption = "OnceCurrentVersionExpired"
	DeploymentModelVersionUpgradeOptionNoAutoUpgrade                  DeploymentModelVersionUpgradeOption = "NoAutoUpgrade"
)

// DeploymentServiceTier is the pricing and performance level of request processing (the spec's ServiceTier).
type DeploymentServiceTier string

// Service tiers.
const (
	DeploymentServiceTierDefault  DeploymentServiceTier = "Default"
	DeploymentServiceTierPriority DeploymentServiceTier = "Priority"
)

// DeploymentState says whether a deployment accepts inference requests; pauseDeployment and resumeDeployment
// switch it.
type DeploymentState string

// Deployment states.
const (
	DeploymentStateRunning DeploymentState = "Running"
	DeploymentStatePaused  DeploymentState = "Paused"
)

// DeploymentScaleType is the scale type of the deprecated DeploymentScaleSettings.
type DeploymentScaleType string

// Deployment scale types.
const (
	DeploymentScaleTypeStandard DeploymentScaleType = "Standard"
	DeploymentScaleTypeManual   DeploymentScaleType = "Manual"
)

// DeploymentRoutingMode is how a model-router deployment spreads requests (the spec's RoutingMode); the service's
// default is "balanced".
type DeploymentRoutingMode string

// Routing modes.
const (
	DeploymentRoutingModeCost     DeploymentRoutingMode = "cost"
	DeploymentRoutingModeBalanced DeploymentRoutingMode = "balanced"
	DeploymentRoutingModeQuality  DeploymentRoutingMode = "quality"
)

// DeploymentProperties are the properties of a deployment.
type DeploymentProperties struct {
	// ProvisioningState is read-only.
	ProvisioningState *DeploymentProvisioningState `json:"provisioningState,omitempty"`
	Model             *DeploymentModel             `json:"model,omitempty"`
	// ContextCacheContainerID is the resource ID of the context cache container of the deployment.
	ContextCacheContainerID *string `json:"contextCacheContainerId,omitempty"`
	// ScaleSettings is deprecated: use Deployment.SKU.
	ScaleSettings *DeploymentScaleSettings `json:"scaleSettings,omitempty"`
	// Capabilities is read-only.
	Capabilities  map[string]string `json:"capabilities,omitempty"`
	RAIPolicyName *string           `json:"raiPolicyName,omitempty"`
	// CallRateLimit is read-only.
	CallRateLimit *CallRateLimit `json:"callRateLimit,omitempty"`
	// RateLimits is read-only.
	RateLimits           []ThrottlingRule                     `json:"rateLimits,omitempty"`
	VersionUpgradeOption *DeploymentModelVersionUpgradeOption `json:"versionUpgradeOption,omitempty"`
	// DynamicThrottlingEnabled is read-only.
	DynamicThrottlingEnabled *bool `json:"dynamicThrottlingEnabled,omitempty"`
	// CurrentCapacity is not read-only in the spec, so it is sent when set.
	CurrentCapacity *int32 `json:"currentCapacity,omitempty"`
	// CapacitySettings is "internal use only" in the spec.
	CapacitySettings     *DeploymentCapacitySettings `json:"capacitySettings,omitempty"`
	ParentDeploymentName *string                     `json:"parentDeploymentName,omitempty"`
	// SpilloverDeploymentName is the deployment that serves requests this one would have throttled.
	SpilloverDeploymentName *string `json:"spilloverDeploymentName,omitempty"`
	// ServiceTier is nullable: the service may return null, which decodes as nil.
	ServiceTier *DeploymentServiceTier `json:"serviceTier,omitempty"`
	// DeploymentState is nullable: the service may return null, which decodes as nil.
	DeploymentState *DeploymentState `json:"deploymentState,omitempty"`
	// Routing applies only to model-router deployments (model "model-router" version 2025-11-18 or later).
	Routing *DeploymentRouting `json:"routing,omitempty"`
}

// DeploymentModel names the model of a deployment.
type DeploymentModel struct {
	Publisher *string `json:"publisher,omitempty"`
	// Format is e.g. "OpenAI".
	Format *string `json:"format,omitempty"`
	Name   *string `json:"name,omitempty"`
	// Version is optional: without it the service picks the model's default version.
	Version *string `json:"version,omitempty"`
	// Source is the ARM resource ID of the model's source (optional).
	Source *string `json:"source,omitempty"`
	// SourceAccount is the ARM ID of another Microsoft.CognitiveServices account the model comes from (optional).
	SourceAccount *string `json:"sourceAccount,omitempty"`
	// CallRateLimit is read-only.
	CallRateLimit *CallRateLimit `json:"callRateLimit,omitempty"`
}

// DeploymentScaleSettings is the deprecated scale of a deployment; use Deployment.SKU.
type DeploymentScaleSettings struct {
	ScaleType *DeploymentScaleType `json:"scaleType,omitempty"`
	Capacity  *int32               `json:"capacity,omitempty"`
	// ActiveCapacity is read-only; it lags Capacity after a change.
	ActiveCapacity *int32 `json:"activeCapacity,omitempty"`
}

// DeploymentCapacitySettings is "internal use only" in the spec.
type DeploymentCapacitySettings struct {
	// DesignatedCapacity is at least 0.
	DesignatedCapacity *int32 `json:"designatedCapacity,omitempty"`
	// Priority is at least 0.
	Priority *int32 `json:"priority,omitempty"`
}

// DeploymentRouting configures a model-router deployment.
type DeploymentRouting struct {
	Mode *DeploymentRoutingMode `json:"mode,omitempty"`
	// Models restricts routing to these models; empty means every model the router version supports.
	Models []DeploymentModel `json:"models,omitzero"`
}

// CallRateLimit is a read-only call rate limit.
type CallRateLimit struct {
	Count *float32 `json:"count,omitempty"`
	// RenewalPeriod is in seconds.
	RenewalPeriod *float32         `json:"renewalPeriod,omitempty"`
	Rules         []ThrottlingRule `json:"rules,omitempty"`
}

// ThrottlingRule is one read-only rate limit rule.
type ThrottlingRule struct {
	Key                      *string               `json:"key,omitempty"`
	RenewalPeriod            *float32              `json:"renewalPeriod,omitempty"`
	Count                    *float32              `json:"count,omitempty"`
	MinCount                 *float32              `json:"minCount,omitempty"`
	DynamicThrottlingEnabled *bool                 `json:"dynamicThrottlingEnabled,omitempty"`
	MatchPatterns            []RequestMatchPattern `json:"matchPatterns,omitempty"`
}

// RequestMatchPattern selects the requests a ThrottlingRule applies to.
type RequestMatchPattern struct {
	Path   *string `json:"path,omitempty"`
	Method *string `json:"method,omitempty"`
}

// DeploymentUpdate is the body of beginUpdateDeployment (the spec's PatchResourceTagsAndSku): nil fields are not
// sent; Tags replaces the tags, an empty map clears them.
type DeploymentUpdate struct {
	SKU  *SKU              `json:"sku,omitempty"`
	Tags map[string]string `json:"tags,omitzero"`
}

// writable returns a copy of m without read-only fields.
func (m *DeploymentModel) writable() *DeploymentModel {
	if m == nil {
		return nil
	}
	out := *m
	out.CallRateLimit = nil
	return &out
}

// writable returns a copy of p without read-only fields.
func (p *DeploymentProperties) writable() *DeploymentProperties {
	if p == nil {
		return nil
	}
	out := *p
	out.ProvisioningState, out.Capabilities, out.CallRateLimit, out.RateLimits = nil, nil, nil, nil
	out.DynamicThrottlingEnabled = nil
	out.Model = out.Model.writable()
	if out.ScaleSettings != nil {
		s := *out.ScaleSettings
		s.ActiveCapacity = nil
		out.ScaleSettings = &s
	}
	if out.Routing != nil {
		r := *out.Routing
		if r.Models != nil {
			r.Models = make([]DeploymentModel, len(out.Routing.Models))
			for i := range out.Routing.Models {
				r.Models[i] = *out.Routing.Models[i].writable()
			}
		}
		out.Routing = &r
	}
	return &out
}

// writable returns a copy of d without read-only fields, as sent in PUT bodies.
func (d Deployment) writable() Deployment {
	d.ID, d.Name, d.Type, d.Etag, d.SystemData = nil, nil, nil, nil, nil
	d.Properties = d.Properties.writable()
	return d
}

// GetDeployment reads a deployment.
func (c *Client) GetDeployment(ctx context.Context, id DeploymentID) (Deployment, error) {
	var out Deployment
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// BeginCreateOrUpdateDeployment PUTs the whole deployment; the service answers 201 and Azure-AsyncOperation. The
// poller follows the deployment's provisioningState (beginPollingResource), so its last poll is the result; a failed
// operation's error comes from the monitor. ARM answers 409 RequestConflict
// while the account is busy (e.g. with a sibling deployment); the client retries those.
func (c *Client) BeginCreateOrUpdateDeployment(ctx context.Context, id DeploymentID, body Deployment) (*runtime.Poller[Deployment], error) {
	get := func(ctx context.Context) (Deployment, error) { return c.GetDeployment(ctx, id) }
	return beginPollingResource(ctx, c.arm, c.url(id.path()), body.writable(), get, http.StatusOK, http.StatusCreated, http.StatusAccepted)
}

// beginUpdateDeployment PATCHes the deployment's SKU and tags, the only fields the service updates this way. Once
// the operation succeeds the poller's result is a fresh GET of the deployment.
func (c *Client) beginUpdateDeployment(ctx context.Context, id DeploymentID, body DeploymentUpdate) (*runtime.Poller[Deployment], error) {
	get := func(ctx context.Context) (Deployment, error) { return c.GetDeployment(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPatch, c.url(id.path()), body, runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusAccepted)
}

// BeginDeleteDeployment deletes a deployment; a 204 (already gone) is success.
func (c *Client) BeginDeleteDeployment(ctx context.Context, id DeploymentID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// ListDeployments lists every deployment of an account, following nextLink.
func (c *Client) ListDeployments(ctx context.Context, account AccountID) ([]Deployment, error) {
	return list[Deployment](ctx, c.arm, c.url(account.path()+"/deployments"))
}

// PauseDeployment stops inference on a deployment, keeping its configuration, and returns the deployment. The
// spec allows it only on Standard, DataZoneStandard and GlobalStandard SKUs.
func (c *Client) PauseDeployment(ctx context.Context, id DeploymentID) (Deployment, error) {
	var out Deployment
	err := c.arm.call(ctx, http.MethodPost, c.url(id.path()+"/pause"), nil, &out, http.StatusOK)
	return out, err
}

// ResumeDeployment restarts inference on a paused deployment and returns the deployment.
func (c *Client) ResumeDeployment(ctx context.Context, id DeploymentID) (Deployment, error) {
	var out Deployment
	err := c.arm.call(ctx, http.MethodPost, c.url(id.path()+"/resume"), nil, &out, http.StatusOK)
	return out, err
}
