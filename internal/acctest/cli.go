package acctest

import (
	"context"
	"fmt"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// EphemeralCLI runs a test only on CLIs with ephemeral resources and write-only attributes, where an ephemeral value
// can be used at all (Terraform and OpenTofu 1.11 or later), and skips it elsewhere saying so: make test runs the
// Terraform 1.8.5 pass, which skips it, and the OpenTofu 1.12.6 pass, which runs it.
var EphemeralCLI = []tfversion.TerraformVersionCheck{minimumCLI{
	min:  version.Must(version.NewVersion("1.11.0")),
	need: "ephemeral resources and write-only attributes",
}}

// IdentityCLI runs a test only on CLIs that keep resource identities and import by identity (Terraform and OpenTofu
// 1.12 or later): make testtofu (OpenTofu 1.12.6) runs it, the Terraform 1.8.5 pass skips it. The provider's side of
// identity is tested without a CLI too, over the plugin protocol (internal/provider, TestEveryResourceHasIdentity).
var IdentityCLI = []tfversion.TerraformVersionCheck{minimumCLI{
	min:  version.Must(version.NewVersion("1.12.0")),
	need: "resource identity",
}}

// minimumCLI skips a test on CLIs older than min, naming what the test needs.
type minimumCLI struct {
	min  *version.Version
	need string
}

func (c minimumCLI) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if req.TerraformVersion.Core().LessThan(c.min) {
		resp.Skip = fmt.Sprintf("this test needs %s (Terraform or OpenTofu %s or later); the CLI under test is %s. It runs in make testtofu (OpenTofu).",
			c.need, c.min, req.TerraformVersion)
	}
}
