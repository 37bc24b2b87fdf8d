#!/usr/bin/env bash
# make generate: print `providers schema -json` of the provider built from this tree, as OpenTofu ($TOFU) reports it,
# for tfplugindocs. Terraform 1.8.5, the tests' other CLI, knows neither ephemeral resources nor write-only attributes,
# so a schema exported with it would leave foundry_account_keys and the write-only markers out of docs/. The provider
# is served through dev_overrides under registry.terraform.io/hashicorp/foundry, the address tfplugindocs looks up.
set -euo pipefail
cd "$(dirname "$0")/.."
tofu=${TOFU:?TOFU must point at the OpenTofu binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bin/terraform-provider-foundry" .
cat >"$work/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/hashicorp/foundry" = "$work/bin"
  }
  direct {}
}
EOF
mkdir "$work/root"
cat >"$work/root/main.tf" <<'EOF'
terraform {
  required_providers {
    foundry = { source = "registry.terraform.io/hashicorp/foundry" }
  }
}
EOF
cd "$work/root"
TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$tofu" providers schema -json
