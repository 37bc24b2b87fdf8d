package client

import (
	"context"
	"net/url"
)

// The model catalog: which models can be deployed in a location (ListLocationModels) or in an account
// (ListAccountModels). Everything here is read-only.

// Model is one entry of a location's model catalog (an item of Models_List).
type Model struct {
	// Kind is the account kind the model is offered to, e.g. "OpenAI" or "AIServices".
	Kind *string `json:"kind,omitempty"`
	// SKUName is the account SKU, e.g. "S0".
	SKUName     *string       `json:"skuName,omitempty"`
	Description *string       `json:"description,omitempty"`
	Model       *AccountModel `json:"model,omitempty"`
}

// ModelLifecycleStatus is where a model is in its life.
type ModelLifecycleStatus string

// Model lifecycle states.
const (
	// ModelLifecycleStatusStable is a legacy state, replaced with GenerallyAvailable.
	ModelLifecycleStatusStable             ModelLifecycleStatus = "Stable"
	ModelLifecycleStatusPreview            ModelLifecycleStatus = "Preview"
	ModelLifecycleStatusGenerallyAvailable ModelLifecycleStatus = "GenerallyAvailable"
	// ModelLifecycleStatusDeprecating allows new deployments only to customers that already have one.
	ModelLifecycleStatusDeprecating ModelLifecycleStatus = "Deprecating"
	// ModelLifecycleStatusDeprecated (retired): inference calls fail with 410.
	ModelLifecycleStatusDeprecated ModelLifecycleStatus = "Deprecated"
	// ModelLifecycleStatusLegacy is no longer recommended; see AccountModel.ReplacementConfig.
	ModelLifecycleStatusLegacy ModelLifecycleStatus = "Legacy"
)

// AccountModel is a deployable model: the DeploymentModel fields (the spec's allOf) plus catalog details.
type AccountModel struct {
	Publisher *string `json:"publisher,omitempty"`
	// Format is e.g. "OpenAI".
	Format  *string `json:"format,omitempty"`
	Name    *string `json:"name,omitempty"`
	Version *string `json:"version,omitempty"`
	// Source is the ARM resource ID of the model's source.
	Source *string `json:"source,omitempty"`
	// SourceAccount is the ARM ID of the Microsoft.CognitiveServices account the model comes from.
	SourceAccount *string        `json:"sourceAccount,omitempty"`
	CallRateLimit *CallRateLimit `json:"callRateLimit,omitempty"`

	// BaseModel is the model a fine-tuned model derives from.
	BaseModel        *DeploymentModel `json:"baseModel,omitempty"`
	IsDefaultVersion *bool            `json:"isDefaultVersion,omitempty"`
	SKUs             []ModelSKU       `json:"skus,omitempty"`
	MaxCapacity      *int32           `json:"maxCapacity,omitempty"`
	// Capabilities maps capability names (e.g. "chatCompletion", "scaleType") to values, all strings.
	Capabilities         map[string]string     `json:"capabilities,omitempty"`
	FinetuneCapabilities map[string]string     `json:"finetuneCapabilities,omitempty"`
	Deprecation          *ModelDeprecationInfo `json:"deprecation,omitempty"`
	ReplacementConfig    *ReplacementConfig    `json:"replacementConfig,omitempty"`
	ModelCatalogAssetID  *string               `json:"modelCatalogAssetId,omitempty"`
	LifecycleStatus      *ModelLifecycleStatus `json:"lifecycleStatus,omitempty"`
	SystemData           *SystemData           `json:"systemData,omitempty"`
}

// ModelSKU is a deployment SKU a model can be deployed with.
type ModelSKU struct {
	// Name is the deployment SKU name, e.g. "Standard" or "GlobalStandard" (casing varies in the service's data).
	Name *string `json:"name,omitempty"`
	// UsageName is the quota (Usage.Name.Value) the SKU consumes, e.g. "OpenAI.Standard.gpt-35-turbo".
	UsageName *string `json:"usageName,omitempty"`
	// DeprecationDate is RFC 3339 text as sent.
	DeprecationDate *string            `json:"deprecationDate,omitempty"`
	Capacity        *CapacityConfig    `json:"capacity,omitempty"`
	RateLimits      []CallRateLimit    `json:"rateLimits,omitempty"`
	Cost            []BillingMeterInfo `json:"cost,omitempty"`
}

// CapacityConfig bounds the capacity of a deployment with a ModelSKU.
type CapacityConfig struct {
	Minimum *int32 `json:"minimum,omitempty"`
	Maximum *int32 `json:"maximum,omitempty"`
	// Step is the smallest increment between allowed capacities.
	Step          *int32  `json:"step,omitempty"`
	Default       *int32  `json:"default,omitempty"`
	AllowedValues []int32 `json:"allowedValues,omitempty"`
}

// BillingMeterInfo is one billing meter of a ModelSKU.
type BillingMeterInfo struct {
	Name    *string `json:"name,omitempty"`
	MeterID *string `json:"meterId,omitempty"`
	Unit    *string `json:"unit,omitempty"`
}

// DeprecationStatus says how firm a model's deprecation date is.
type DeprecationStatus string

// Deprecation statuses.
const (
	// DeprecationStatusPlanned is a confirmed, communicated end-of-life date.
	DeprecationStatusPlanned DeprecationStatus = "Planned"
	// DeprecationStatusTentative is an estimate that may change.
	DeprecationStatusTentative DeprecationStatus = "Tentative"
)

// ModelDeprecationInfo holds a model's deprecation dates (RFC 3339 text as sent).
type ModelDeprecationInfo struct {
	// FineTune is when fine-tuning the model ends.
	FineTune *string `json:"fineTune,omitempty"`
	// Inference is when inference on the model ends.
	Inference *string `json:"inference,omitempty"`
	// DeprecationStatus is one of the DeprecationStatus values (an extensible enum in the spec).
	DeprecationStatus *string `json:"deprecationStatus,omitempty"`
}

// ReplacementConfig names the model that replaces a deprecated one and when deployments are upgraded.
type ReplacementConfig struct {
	TargetModelName    *string `json:"targetModelName,omitempty"`
	TargetModelVersion *string `json:"targetModelVersion,omitempty"`
	// AutoUpgradeStartDate applies to deployments with OnceNewDefaultVersionAvailable; RFC 3339 text as sent.
	AutoUpgradeStartDate *string `json:"autoUpgradeStartDate,omitempty"`
	// UpgradeOnExpiryLeadTimeDays applies to deployments with OnceCurrentVersionExpired.
	UpgradeOnExpiryLeadTimeDays *int32 `json:"upgradeOnExpiryLeadTimeDays,omitempty"`
}

// ListLocationModels lists the models available in a location of the subscription, following nextLink.
func (c *Client) ListLocationModels(ctx context.Context, subscriptionID, location string) ([]Model, error) {
	return list[Model](ctx, c.arm, c.url(locationPath(subscriptionID, location)+"/models"))
}

// ListAccountModels lists the models an account can deploy, following nextLink.
func (c *Client) ListAccountModels(ctx context.Context, account AccountID) ([]AccountModel, error) {
	return list[AccountModel](ctx, c.arm, c.url(account.path()+"/models"))
}

// locationPath is the path of a Microsoft.CognitiveServices location of a subscription.
func locationPath(subscriptionID, location string) string {
	return subscriptionPath(subscriptionID) + "/providers/" + providerNamespace + "/locations/" + url.PathEscape(location)
}
