// Command foundry-emulator serves the local Entra ID, ARM and Foundry data-plane emulator.
package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "foundry-emulator:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("foundry-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8443", "listen address")
	seedPath := fs.String("seed", "", "JSON seed file (default: built-in seed)")
	caOut := fs.String("ca-out", "./foundry-emulator-ca.pem", "where to write the CA certificate (PEM)")
	plain := fs.Bool("plain-http", false, "serve plain HTTP instead of HTTPS")
	asyncDur := fs.Duration("async-duration", 0, "how long async operations stay InProgress (e.g. 2s)")
	writeHold := fs.Duration("write-hold", 0, "keep an account busy (409 RequestConflict) this long after each write to it or its children (e.g. 5s)")
	retryAfter := fs.Int("retry-after", 1, "Retry-After seconds on long-running operation responses")
	linkRelease := fs.Duration("link-release-delay", 0, "how long a subnet keeps its service association link after the account is purged or its capability host deleted (e.g. 2m)")
	provisionDelay := fs.Duration("managed-network-provision-delay", 0, "how long the provision action of a managed network takes (e.g. 30s; 0 = -async-duration)")
	rbacDelay := fs.Duration("rbac-propagation", 0, "how long a role assignment takes to become effective on the project data plane (e.g. 30s)")
	principalDelay := fs.Duration("principal-replication", 0, "how long a new managed identity stays unknown to role assignments without principalType (e.g. 10s)")
	grantUser := fs.Bool("grant-foundry-user", false, "give the seeded clients Foundry User on every seeded subscription (data-plane access without role assignments)")
	permissive := fs.Bool("permissive", false, "accept any bearer token (skips signature, expiry and audience checks)")
	envOut := fs.String("env-out", "", "write a shell-sourceable file with ARM_* and SSL_CERT_FILE exports")
	verbose := fs.Bool("v", true, "log every request to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts := emulator.Options{Addr: *addr, PlainHTTP: *plain, AsyncDuration: *asyncDur, Permissive: *permissive, RetryAfter: *retryAfter, WriteHold: *writeHold,
		LinkReleaseDelay: *linkRelease, ManagedNetworkProvisionDelay: *provisionDelay, RBACPropagationDelay: *rbacDelay, PrincipalReplicationDelay: *principalDelay, GrantSeededClientsFoundryUser: *grantUser}
	if *retryAfter == 0 {
		opts.RetryAfter = -1
	}
	if *verbose {
		opts.Log = stderr
	}
	seed := emulator.DefaultSeed()
	if *seedPath != "" {
		var err error
		if seed, err = emulator.LoadSeed(*seedPath); err != nil {
			return err
		}
	}
	opts.Seed = seed
	srv, err := emulator.Start(opts)
	if err != nil {
		return err
	}
	defer func() { _ = srv.Close() }()

	caFile := ""
	if srv.CA() != nil && *caOut != "" {
		if err := os.WriteFile(*caOut, srv.CA().CertPEM(), 0o644); err != nil {
			return fmt.Errorf("writing CA: %w", err)
		}
		caFile, _ = filepath.Abs(*caOut)
	}
	if *envOut != "" {
		if err := writeEnv(*envOut, srv, caFile); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "foundry-emulator listening on %s\n", srv.URL())
	if caFile != "" {
		fmt.Fprintf(stdout, "CA certificate: %s\n", caFile)
	}
	fmt.Fprintln(stdout, "ready")

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	fmt.Fprintln(stdout, "shutting down")
	done := make(chan error, 1)
	go func() { done <- srv.Close() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return nil
	}
}

func writeEnv(path string, srv *emulator.Server, caFile string) error {
	content := ""
	if caFile != "" {
		content += fmt.Sprintf("export SSL_CERT_FILE=%q\n", caFile)
	}
	env := srv.ProviderEnv()
	for _, k := range slices.Sorted(maps.Keys(env)) {
		content += fmt.Sprintf("export %s=%q\n", k, env[k])
	}
	return os.WriteFile(path, []byte(content), 0o600)
}
