// Package providerdata is what the configured provider hands to every resource and data source: the API client, the
// subscription, the opt-in features and the plan-time memo, all created in Configure and gone with it.
package providerdata

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// Features are the provider's opt-in behaviours (the features block).
type Features struct {
	PurgeSoftDeleteOnDestroy bool
	RecoverSoftDeleted       bool
}

// Data is what Configure hands to every resource and data source.
type Data struct {
	Client         *client.Client
	SubscriptionID string
	Features       Features
	// Memo keeps what plan-time checks read from Azure for a short while, for this configured provider only.
	Memo *Memo
}

// New returns the data of a freshly configured provider, with an empty memo.
func New(c *client.Client, subscriptionID string, features Features) *Data {
	return &Data{Client: c, SubscriptionID: subscriptionID, Features: features, Memo: NewMemo(time.Now)}
}

// Unpack is the one type assertion of provider data, for a resource's or data source's Configure; nil means "not
// configured yet" (Terraform calls Configure before the provider is configured, e.g. at validate).
func Unpack(data any, diags *diag.Diagnostics) *Data {
	if data == nil {
		return nil
	}
	d, ok := data.(*Data)
	if !ok {
		diags.Append(diagnostics.Bug(fmt.Sprintf("Expected *providerdata.Data as provider data, got %T.", data)))
		return nil
	}
	return d
}
