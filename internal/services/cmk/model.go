package cmk

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type cmkModel struct {
	ID               types.String   `tfsdk:"id"`
	AccountID        types.String   `tfsdk:"account_id"`
	KeyID            types.String   `tfsdk:"key_id"`
	IdentityClientID types.String   `tfsdk:"identity_client_id"`
	KeyVersion       types.String   `tfsdk:"key_version"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}
