// Package soak is the project's fault matrix (issue 14): the real Terraform CLI, starting the built provider binary,
// against the local emulator's fault injection, clock and identity controls, in scenarios that users meet (throttling,
// server errors and failed operations, SIGKILL halfway through an apply or a destroy, two applies on one account,
// throttling storms on reads and on Microsoft Entra ID, access revoked halfway, a failed purge, a second configuration
// naming the same objects). Each scenario's runs are seeded and bounded; the test prints one table (runs, converged,
// applies needed, orphans, duplicates, takeovers, stranded destroys, errors shown to the user) and fails on any orphan,
// duplicate, takeover, stranded destroy, transient error shown, run that did not converge, or secret found where it
// must not be. make test runs the short version (SOAK=short, one run per scenario); make soak the full one.
package soak
