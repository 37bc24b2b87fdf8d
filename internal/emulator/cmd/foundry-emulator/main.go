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
	"strings"
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

// config is what the command line asks for.
type config struct {
	opts                    emulator.Options
	seedPath, caOut, envOut string
	fast                    bool
}

// parse reads the command line; the timing is Azure-like unless -fast or -async-duration say otherwise.
func parse(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("foundry-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8443", "listen address")
	seedPath := fs.String("seed", "", "JSON seed file (default: built-in seed)")
	caOut := fs.String("ca-out", "./foundry-emulator-ca.pem", "where to write the CA certificate (PEM)")
	plain := fs.Bool("plain-http", false, "serve plain HTTP instead of HTTPS")
	fast := fs.Bool("fast", false, "fast mode: every long-running operation completes at the next request and Retry-After is 1 (default: Azure-like durations, see -async-duration and -duration)")
	asyncDur := fs.Duration("async-duration", 0, "one duration for every long-running operation (e.g. 2s), instead of the Azure-like durations per operation")
	durations := durationFlag{}
	fs.Var(durations, "duration", "the duration of one operation, name=duration (e.g. accounts/create=30s); repeatable; names: "+strings.Join(emulator.OperationNames(), ", "))
	writeHold := fs.Duration("write-hold", 0, "keep an account busy (409 RequestConflict) this long after each write to it or its children (e.g. 5s)")
	retryAfter := fs.Int("retry-after", emulator.AzureLikeRetryAfter, "Retry-After seconds on long-running operation responses (1 with -fast)")
	linkRelease := fs.Duration("link-release-delay", 0, "how long a subnet keeps its service association link after the account is purged or its capability host deleted (e.g. 2m)")
	rbacDelay := fs.Duration("rbac-propagation", 0, "how long a role assignment takes to become effective on the project data plane (e.g. 30s)")
	principalDelay := fs.Duration("principal-replication", 0, "how long a new managed identity stays unknown to role assignments without principalType (e.g. 10s)")
	grantUser := fs.Bool("grant-foundry-user", false, "give the seeded clients Foundry User on every seeded subscription (data-plane access without role assignments)")
	permissive := fs.Bool("permissive", false, "accept any bearer token (skips signature, expiry and audience checks)")
	faultSeed := fs.Uint64("fault-seed", 0, "seed of the fault rules' probabilistic draws, for repeatable fault runs (0: random)")
	readLimit := fs.Int("read-limit", 0, "enforce ARM's read throttling: a bucket of this many reads per subscription and principal (e.g. 250; 0: off), answering 429 with Retry-After when empty")
	readRefill := fs.Float64("read-refill", emulator.DefaultReadLimit().RefillPerSecond, "reads per second refilled into the -read-limit bucket")
	envOut := fs.String("env-out", "", "write a shell-sourceable file with ARM_* and SSL_CERT_FILE exports")
	verbose := fs.Bool("v", true, "log every request to stderr")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	opts := emulator.Options{Addr: *addr, PlainHTTP: *plain, AsyncDuration: *asyncDur, Permissive: *permissive, RetryAfter: *retryAfter, WriteHold: *writeHold,
		LinkReleaseDelay: *linkRelease, RBACPropagationDelay: *rbacDelay, PrincipalReplicationDelay: *principalDelay, GrantSeededClientsFoundryUser: *grantUser,
		FaultSeed: *faultSeed, ReadLimit: emulator.ReadLimit{Capacity: max(*readLimit, 0), RefillPerSecond: *readRefill}}
	// Timing: Azure-like by default; -fast or -async-duration choose one duration for every operation; -duration
	// sets single operations on top.
	switch {
	case *fast && set["async-duration"]:
		return nil, fmt.Errorf("-fast and -async-duration exclude each other")
	case *fast:
		opts.AsyncDuration = 0
		if !set["retry-after"] {
			opts.RetryAfter = 1
		}
	case !set["async-duration"]:
		opts.Durations = emulator.AzureLikeDurations()
	}
	if len(durations) > 0 {
		if opts.Durations == nil {
			opts.Durations = map[string]time.Duration{}
		}
		maps.Copy(opts.Durations, durations)
	}
	if opts.RetryAfter == 0 {
		opts.RetryAfter = -1
	}
	if *verbose {
		opts.Log = stderr
	}
	return &config{opts: opts, seedPath: *seedPath, caOut: *caOut, envOut: *envOut, fast: *fast}, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	cfg, err := parse(args, stderr)
	if err != nil {
		return err
	}
	opts := cfg.opts
	seedPath, caOut, envOut, fast := &cfg.seedPath, &cfg.caOut, &cfg.envOut, &cfg.fast
	seed := emulator.DefaultSeed()
	if *seedPath != "" {
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
	fmt.Fprintln(stdout, timing(srv, *fast))
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

// timing describes the durations of the long-running operations in one line.
func timing(srv *emulator.Server, fast bool) string {
	if fast {
		return "timing: fast (operations complete at the next request)"
	}
	d := srv.Durations()
	parts := make([]string, 0, len(d))
	for _, k := range slices.Sorted(maps.Keys(d)) {
		parts = append(parts, k+"="+d[k].String())
	}
	return "timing: " + strings.Join(parts, " ") + " (-fast for tests)"
}

// durationFlag collects -duration name=duration.
type durationFlag map[string]time.Duration

func (d durationFlag) String() string { return "" }

func (d durationFlag) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || !slices.Contains(emulator.OperationNames(), name) {
		return fmt.Errorf("want name=duration with a name of %s", strings.Join(emulator.OperationNames(), ", "))
	}
	dur, err := time.ParseDuration(value)
	if err != nil || dur < 0 {
		return fmt.Errorf("invalid duration %q", value)
	}
	d[name] = dur
	return nil
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
