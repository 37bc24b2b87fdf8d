// Package bench measures the provider end to end: the real Terraform CLI and the built provider binary against the
// local emulator, reporting HTTP requests and wall time per phase. It holds benchmarks only (make bench).
package bench
