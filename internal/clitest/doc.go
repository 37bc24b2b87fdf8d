// Package clitest holds the tests that need the real CLI to start the built provider binary: behaviour that depends on
// how Terraform launches the provider, which the in-process acceptance tests (the provider served inside the test
// binary) cannot show. make testmodules runs them after make build.
package clitest
