//go:build !linux && !darwin

package framework

// parentArgs is not available on this platform: plan-time checks run in every plan.
func parentArgs(int) []string { return nil }
