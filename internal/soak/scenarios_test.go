package soak_test

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/clitest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const providerBlock = clitest.ProviderBlock

// standardSetup is examples/standard-setup plus n deployments on its account.
func standardSetup(n int) string {
	_, self, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(self), "..", "..", "examples", "standard-setup", "main.tf"))
	if err != nil {
		panic(err)
	}
	return providerBlock + string(b) + deployments("foundry_account.main.id", "extra", "d", n)
}

func deployments(account, resourceName, prefix string, n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(`
resource "foundry_deployment" %[2]q {
  count      = %[4]d
  account_id = %[1]s
  name       = format("%[3]s%%02d", count.index)
  model      = { format = "OpenAI", name = "gpt-4o-mini" }
  sku        = { name = "GlobalStandard", capacity = 10 }
}
`, account, resourceName, prefix, n)
}

// small is an account, a project and n deployments.
func small(name, owner string, n int) string {
	return providerBlock + clitest.Account(name, owner) + deployments("foundry_account.main.id", "d", "d", n)
}

func accountID(name string) string {
	return "/subscriptions/" + emulator.DefaultSubscriptionID + "/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/" + name
}

// scenarios is the soak's matrix.
func scenarios(m mode) []*scenario {
	return []*scenario{
		{name: "fault soak: standard setup + " + fmt.Sprint(m.deployments) + " deployments, 20% 429, 5% 5xx, 5% failed operations", runs: m.runs(10),
			run: faultSoak(m, faults{throttle: 0.20, serverError: 0.05, failedOps: 0.05, retryAfterMS: m.retryAfterMS})},
		{name: "harsh: 15% 500 after commit, 20% failed operations, 5% failed synchronous writes", runs: m.runs(3),
			run: faultSoak(m, faults{serverError: 0.15, afterCommit: true, failedOps: 0.20, failedSync: 0.05, retryAfterMS: m.retryAfterMS})},
		{name: "SIGKILL at a random point of apply", runs: m.runs(10), run: killApply},
		{name: "SIGKILL at a random point of destroy", runs: m.runs(10), run: killDestroy},
		{name: "two concurrent applies on one account", runs: m.runs(3), run: concurrentApplies},
		{name: fmt.Sprintf("%s throttling storm on every request (plan, apply)", m.storm), runs: 1, run: storm(m, false)},
		{name: fmt.Sprintf("%s throttling storm on Entra ID (plan, apply)", m.storm), runs: 1, run: storm(m, true)},
		{name: "access revoked mid-apply", runs: m.runs(2), run: revoked(false), expected: regexp.MustCompile(`AuthorizationFailed`)},
		{name: "tokens revoked mid-apply", runs: m.runs(2), run: revoked(true), expected: regexp.MustCompile(`InvalidAuthenticationToken`)},
		{name: "failed purge, then destroy", runs: m.runs(3), run: failedPurge, expected: regexp.MustCompile(`Unable to purge`)},
		{name: "second configuration, same names", runs: m.runs(2), run: secondConfiguration,
			expected: regexp.MustCompile(`did not create it`)},
		{name: "secrets in state, plans and TRACE log", runs: 1, run: secretScan},
	}
}

// faults are the rates of a fault soak.
type faults struct {
	throttle, serverError, failedOps, failedSync float64
	afterCommit                                  bool
	retryAfterMS                                 int // 0: Retry-After: 1 on 429, nothing on 500
}

// install adds the rules. The failed operations apply to the writes that start one (accounts, projects, deployments,
// capability hosts, purges); failedSync to the synchronous ones (connections, role assignments).
func (f faults) install(srv *emulator.Server) {
	retryAfter := 1
	if f.retryAfterMS > 0 {
		retryAfter = 0
	}
	if f.throttle > 0 {
		srv.AddFault(emulator.Fault{Status: http.StatusTooManyRequests, Code: "TooManyRequests", Message: "Throttled (soak).", RetryAfter: retryAfter,
			RetryAfterMS: f.retryAfterMS, Probability: f.throttle})
	}
	if f.serverError > 0 {
		srv.AddFault(emulator.Fault{Status: http.StatusInternalServerError, Code: "InternalServerError", Message: "Injected (soak).",
			RetryAfterMS: f.retryAfterMS, Probability: f.serverError, AfterCommit: f.afterCommit})
	}
	ops := `/(accounts|projects|deployments|capabilityhosts|deletedaccounts)/[^/]+$`
	for _, method := range []string{http.MethodPut, http.MethodDelete} {
		if f.failedOps > 0 {
			srv.AddFault(emulator.Fault{Method: method, PathPattern: ops, AsyncFail: true, Code: "OperationFailed",
				Message: "The operation failed (soak).", Probability: f.failedOps})
		}
	}
	if f.failedSync > 0 {
		srv.AddFault(emulator.Fault{Method: http.MethodPut, PathPattern: `/(connections|roleassignments)/[^/]+$`, AsyncFail: true,
			Code: "WriteFailed", Message: "The write failed after it was stored (soak).", Probability: f.failedSync})
	}
}

// faultSoak applies the standard setup with m.deployments deployments under faults until it converges, then destroys
// it under the same faults.
func faultSoak(m mode, f faults) func(r *run) {
	return func(r *run) {
		w := r.workspace("")
		w.Write(r.t, standardSetup(m.deployments))
		f.install(r.srv)
		r.res.converged = r.applyUntilConverged(w, 0)
		r.checkConverged(map[*clitest.Workspace]string{w: ""})
		r.destroyUntilDone(w)
		r.srv.ClearFaults()
		r.checkClean()
	}
}

// isWrite is a write the provider sends (not a token request).
func isWrite(rec emulator.RequestRecord) bool {
	switch rec.Method {
	case http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	case http.MethodPost:
		return !strings.Contains(rec.Path, "/oauth2/")
	}
	return false
}

// killAfter starts a Terraform command and kills it (SIGKILL, with the provider processes) once k writes have been
// answered, plus up to a second; it reports whether it killed it (false: the command ended first).
func (r *run) killAfter(w *clitest.Workspace, k int, args ...string) bool {
	cmd, out := w.Command(r.ctx, append(args, "-no-color")...)
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	start := len(r.srv.Requests())
	for {
		select {
		case <-done:
			r.record(out.String())
			return false
		case <-time.After(10 * time.Millisecond):
		}
		if r.writesSince(start) >= k {
			break
		}
	}
	time.Sleep(time.Duration(r.rng.IntN(1000)) * time.Millisecond)
	select {
	case <-done:
		r.record(out.String())
		return false
	default:
	}
	_ = killGroup(cmd)
	<-done
	r.note("killed %s after %d writes", args[0], k)
	return true
}

func killGroup(cmd *exec.Cmd) error { return cmd.Cancel() }

// killApply kills an apply of the standard setup at a random write, then applies until it converges.
func killApply(r *run) {
	r.srv.SetAsyncDuration(300 * time.Millisecond)
	w := r.workspace("")
	w.Write(r.t, standardSetup(3))
	r.killAfter(w, 1+r.rng.IntN(24), "apply", "-auto-approve", "-input=false")
	r.res.converged = r.applyUntilConverged(w, 1)
	r.checkConverged(map[*clitest.Workspace]string{w: ""})
	r.destroyUntilDone(w)
	r.checkClean()
}

// killDestroy applies the standard setup, kills its destroy at a random write, then destroys until it is gone.
func killDestroy(r *run) {
	r.srv.SetAsyncDuration(300 * time.Millisecond)
	w := r.workspace("")
	w.Write(r.t, standardSetup(3))
	r.res.converged = r.applyUntilConverged(w, 0)
	r.checkConverged(map[*clitest.Workspace]string{w: ""})
	r.killAfter(w, 1+r.rng.IntN(16), "destroy", "-auto-approve", "-input=false")
	r.destroyUntilDone(w)
	r.checkClean()
}

// concurrentApplies: one configuration owns an account; two others (two clients) add five deployments and a
// connection each to it at the same time, while the account stays busy for a second after every write (409
// RequestConflict for the other).
func concurrentApplies(r *run) {
	base := r.workspace("")
	base.Write(r.t, small("soak-shared", "base", 0))
	if !r.applyUntilConverged(base, 0) {
		r.note("the shared account did not converge")
		return
	}
	child := func(prefix string) string {
		return providerBlock + fmt.Sprintf(`
variable "account_id" {
  type    = string
  default = %[1]q
}

resource "foundry_account_connection" "c" {
  account_id = var.account_id
  name       = "conn-%[2]s"
  category   = "CognitiveSearch"
  target     = "https://%[2]s.search.windows.net"
  aad {}
}
`, accountID("soak-shared"), prefix) + deployments("var.account_id", "d", prefix, 5)
	}
	b, c := r.workspace(""), r.workspace(clitest.SecondClientID)
	b.Write(r.t, child("b"))
	c.Write(r.t, child("c"))
	r.srv.SetWriteHold(time.Second)
	var wg sync.WaitGroup
	converged := make([]bool, 2)
	applies := make([]int, 2)
	for i, w := range []*clitest.Workspace{b, c} {
		wg.Add(1)
		go func() { defer wg.Done(); converged[i], applies[i] = r.applyLoop(w, 0) }()
	}
	wg.Wait()
	r.srv.SetWriteHold(0)
	r.res.converged, r.res.applies = converged[0] && converged[1], max(applies[0], applies[1])
	r.checkConverged(map[*clitest.Workspace]string{base: "", b: "", c: clitest.SecondClientID})
	for _, w := range []*clitest.Workspace{b, c} {
		wg.Add(1)
		go func() { defer wg.Done(); r.destroyUntilDone(w) }()
	}
	wg.Wait()
	r.destroyUntilDone(base)
	r.checkClean()
}

// storm throttles (429, Retry-After: 1) every request, or only Microsoft Entra ID's token requests, for m.storm
// from the start of a plan, then again from the start of an apply that changes a tag: both must wait it out.
func storm(m mode, entra bool) func(r *run) {
	return func(r *run) {
		w := r.workspace("")
		w.Write(r.t, small("soak-storm", "before", 1))
		if !r.applyUntilConverged(w, 0) {
			r.note("did not converge before the storm")
			return
		}
		rule := emulator.Fault{Status: http.StatusTooManyRequests, Code: "TooManyRequests", Message: "Throttled (storm).", RetryAfter: 1,
			ForMS: int(m.storm.Milliseconds())}
		if entra {
			rule.Method, rule.PathPattern = http.MethodPost, `/oauth2/v2\.0/token$`
		}
		r.srv.AddFault(rule)
		start := time.Now()
		_, out, err := w.PlanIsEmpty(r.ctx)
		r.record(out)
		planned := err == nil
		r.note("plan in the storm: %s, ok=%v", time.Since(start).Round(time.Second), planned)
		w.Write(r.t, small("soak-storm", "after", 1))
		r.srv.AddFault(rule)
		start = time.Now()
		out, err = w.Apply(r.ctx)
		r.record(out)
		r.note("apply in the storm: %s, ok=%v", time.Since(start).Round(time.Second), err == nil)
		r.res.applies = 1
		empty, plan, perr := w.PlanIsEmpty(r.ctx)
		r.record(plan)
		r.res.converged = planned && err == nil && perr == nil && empty
		r.checkConverged(map[*clitest.Workspace]string{w: ""})
		r.srv.ClearFaults()
		r.destroyUntilDone(w)
		r.checkClean()
	}
}

// revoked takes the client's access (or its tokens) away after a random write of an apply: the apply must stop
// with the authorization (authentication) error, at once rather than after retries; with access back, the next apply
// converges.
func revoked(tokens bool) func(r *run) {
	return func(r *run) {
		r.srv.SetAsyncDuration(300 * time.Millisecond)
		w := r.workspace("")
		w.Write(r.t, small("soak-revoked", "me", 5))
		cmd, out := w.Command(r.ctx, "apply", "-auto-approve", "-input=false", "-no-color")
		if err := cmd.Start(); err != nil {
			r.t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		k, start := 2+r.rng.IntN(6), len(r.srv.Requests())
		var revokedAt time.Time
	wait:
		for {
			select {
			case err := <-done:
				r.record(out.String())
				r.note("the apply ended (err=%v) %s after the revocation", err != nil, time.Since(revokedAt).Round(100*time.Millisecond))
				break wait
			case <-time.After(10 * time.Millisecond):
			}
			if !revokedAt.IsZero() {
				continue
			}
			if r.writesSince(start) >= k {
				revokedAt = time.Now()
				if tokens {
					_ = r.srv.RevokeTokens(emulator.DefaultClientID)
				} else {
					_ = r.srv.DenyAccess(emulator.DefaultClientID)
				}
			}
		}
		if !revokedAt.IsZero() && time.Since(revokedAt) > time.Minute {
			r.note("the revocation took more than a minute to stop the apply")
		}
		r.srv.RestoreAccess(emulator.DefaultClientID)
		r.res.converged = r.applyUntilConverged(w, 1)
		r.checkConverged(map[*clitest.Workspace]string{w: ""})
		r.destroyUntilDone(w)
		r.checkClean()
	}
}

// failedPurge makes the purge of a destroy fail (a failed operation): the destroy reports it, and the next destroy
// finishes the purge.
func failedPurge(r *run) {
	w := r.workspace("")
	w.Write(r.t, small("soak-purge", "me", 0))
	r.res.converged = r.applyUntilConverged(w, 0)
	r.srv.AddFault(emulator.Fault{Method: http.MethodDelete, PathPattern: `/deletedaccounts/soak-purge$`, AsyncFail: true, Code: "PurgeFailed",
		Message: "The purge failed (soak).", Count: 1})
	out, err := w.Destroy(r.ctx)
	r.record(out)
	if err == nil {
		r.note("the destroy with the failed purge succeeded")
	}
	r.destroyUntilDone(w)
	r.checkClean()
}

// secondConfiguration: a second working directory (another client) with the same names must be refused, write
// nothing, and its destroy must delete nothing of the first.
func secondConfiguration(r *run) {
	first, second := r.workspace(""), r.workspace(clitest.SecondClientID)
	first.Write(r.t, small("soak-owned", "first", 1))
	second.Write(r.t, small("soak-owned", "second", 1))
	r.res.converged = r.applyUntilConverged(first, 0)
	before := len(r.state().Resources)
	out, err := second.Apply(r.ctx)
	r.record(out)
	if err == nil || !strings.Contains(clitest.Flat(out), "did not create it") {
		r.res.takeovers = append(r.res.takeovers, "the second configuration's apply was not refused")
	}
	if out, err := second.Destroy(r.ctx); err != nil {
		r.record(out)
		r.res.stranded = true
	}
	if after := len(r.state().Resources); after != before {
		r.res.takeovers = append(r.res.takeovers, fmt.Sprintf("the second configuration changed the first's objects (%d, then %d)", before, after))
	}
	r.checkConverged(map[*clitest.Workspace]string{first: "", second: clitest.SecondClientID})
	r.destroyUntilDone(first)
	r.checkClean()
}
