// Command terraform-provider-foundry serves the Microsoft Foundry Terraform provider.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/foundrytf/terraform-provider-foundry/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

// Address is the provider's registry address; dev_overrides in a CLI config point it at a local build.
const Address = "registry.terraform.io/foundrytf/foundry"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: Address,
		Debug:   debug,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
