// Package framework holds Terraform-side helpers shared by every resource: provider data, validators, plan modifiers.
package framework

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// Features are the provider's opt-in behaviours (the features block).
type Features struct {
	PurgeSoftDeleteOnDestroy bool
	RecoverSoftDeleted       bool
}

// ProviderData is what Configure hands to every resource and data source.
type ProviderData struct {
	Client         *client.Client
	SubscriptionID string
	Features       Features
}

// ConfigureData unpacks provider data in a resource's or data source's Configure; nil means "not configured yet".
func ConfigureData(data any, diags *diag.Diagnostics) *ProviderData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*ProviderData)
	if !ok {
		diags.Append(diagnostics.Bug(fmt.Sprintf("Expected *framework.ProviderData as provider data, got %T.", data)))
		return nil
	}
	return pd
}
