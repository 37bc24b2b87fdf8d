//go:build !linux && !darwin

package framework

// parentArgs is not available on this platform: plan-time checks run in every plan.
func parentArgs(int) []string { return nil }

// processStart is not available on this platform: every plan-time check runs at apply too.
func processStart(int) string { return "" }
