#!/usr/bin/env bash
# make demo: start the local Foundry emulator, then run a real Terraform init, plan, apply, a second plan that
# must be empty, and destroy of examples/demo against it. Exits non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
tf=${TERRAFORM:?TERRAFORM must point at the Terraform binary}
work="$repo/examples/demo/.demo"
rm -rf "$work" && mkdir -p "$work/run"

# 1. The emulator, on a free loopback port, with 2-second async operations so the polling is visible (and a 1-second
#    Retry-After: the program's Azure-like defaults take longer, see internal/emulator/README.md).
./bin/foundry-emulator -addr 127.0.0.1:0 -ca-out "$work/ca.pem" -env-out "$work/env.sh" -async-duration 2s -retry-after 1 >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$work/env.sh" ] && break; sleep 0.1; done
[ -s "$work/env.sh" ] || { echo "the emulator did not start:"; cat "$work/emulator.log"; exit 1; }
# shellcheck disable=SC1091
source "$work/env.sh"
echo "==> Emulator at $ARM_RESOURCE_MANAGER_ENDPOINT (CA in $SSL_CERT_FILE)"

# 2. Terraform installs the provider from a local mirror, exactly as from a registry.
version=0.0.1
plugin="$work/mirror/registry.terraform.io/foundrytf/foundry/$version/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$plugin" && cp bin/terraform-provider-foundry "$plugin/terraform-provider-foundry_v$version"
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/foundrytf/foundry"]
  }
  direct {
    exclude = ["registry.terraform.io/foundrytf/foundry"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
cp examples/demo/*.tf "$work/run/"
cd "$work/run"

step() { echo; echo "==> terraform $*"; }
step init;    "$tf" init -input=false -no-color
step plan;    "$tf" plan -input=false -no-color -out=demo.tfplan
step apply;   "$tf" apply -input=false -no-color demo.tfplan
step "plan (must be empty)"
set +e; "$tf" plan -input=false -no-color -detailed-exitcode; code=$?; set -e
if [ "$code" -ne 0 ]; then echo "The second plan is not empty (exit code $code): the provider shows drift right after apply." >&2; exit 1; fi
step output;  "$tf" output -no-color
step destroy; "$tf" destroy -input=false -no-color -auto-approve
echo; echo "==> Demo finished: init, plan, apply, empty plan and destroy all succeeded."
