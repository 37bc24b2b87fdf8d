// Package clitest drives the real Terraform CLI, starting the built provider binary, against the local emulator: its
// tests show what the in-process acceptance tests (the provider served inside the test binary) cannot, such as how the
// CLI launches the provider, a second working directory, or a CLI killed halfway through an apply; its harness
// (Workspace) is also the fault soak's (internal/soak). make testmodules runs its tests after make build.
package clitest
