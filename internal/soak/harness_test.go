package soak_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/clitest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// mode is the soak's size: "short" (make test: one run of each scenario, small configurations, short storms) or "full"
// (make soak).
type mode struct {
	full        bool
	deployments int           // deployments beside the standard setup in the fault soaks
	storm       time.Duration // length of the throttling storms
	// retryAfterMS, when set, is the wait the fault soaks' throttling and server errors ask for (retry-after-ms):
	// the short soak keeps the faults' rates with shorter waits; the full one sends Retry-After: 1 on 429 and
	// nothing on 500, as ARM does.
	retryAfterMS int
	only         *regexp.Regexp
}

// soakMode reads SOAK ("full" or short) and SOAK_ONLY (a regular expression: only the scenarios it matches).
func soakMode() mode {
	m := mode{deployments: 3, storm: 6 * time.Second, retryAfterMS: 100}
	if os.Getenv("SOAK") == "full" {
		m = mode{full: true, deployments: 20, storm: 60 * time.Second}
	}
	if only := os.Getenv("SOAK_ONLY"); only != "" {
		m.only = regexp.MustCompile(only)
	}
	return m
}

// runs is n in the full soak, 1 in the short one.
func (m mode) runs(n int) int {
	if m.full {
		return n
	}
	return 1
}

// scenario is one row of the table: runs of one situation.
type scenario struct {
	name string
	runs int
	run  func(r *run)
	// expected are the errors this scenario provokes on purpose (an access revoked, a purge made to fail, a second
	// configuration refused): they are shown to the user, and must be, but are not counted as transient failures.
	expected *regexp.Regexp
}

// run is one run of a scenario: its own emulator and working directories.
type run struct {
	t        *testing.T
	ctx      context.Context
	seed     uint64
	rng      *rand.Rand
	srv      *emulator.Server
	scenario *scenario
	mu       sync.Mutex
	res      result
}

// result is what one run found.
type result struct {
	converged  bool
	applies    int
	orphans    []string
	duplicates []string
	takeovers  []string
	stranded   bool
	errors     []string // every error summary Terraform showed
	transient  []string // of those, the ones that are transient failures (throttling, 5xx, busy): never to be shown
	notes      []string
	secretHits []string // secrets found where they must not be
	wall       time.Duration
}

// maxAttempts bounds the applies (and the destroys) of one run.
const maxAttempts = 8

// newRun starts the run's emulator.
func newRun(t *testing.T, sc *scenario, seed uint64, opts emulator.Options) *run {
	opts.Seed = clitest.Seed()
	opts.FaultSeed = seed
	srv, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return &run{t: t, ctx: context.Background(), seed: seed, rng: rand.New(rand.NewPCG(seed, seed)), srv: srv, scenario: sc}
}

// workspace is a working directory signing in as clientID ("" = the first seeded client).
func (r *run) workspace(clientID string) *clitest.Workspace {
	env := map[string]string{}
	if clientID == clitest.SecondClientID {
		env["ARM_CLIENT_ID"], env["ARM_CLIENT_SECRET"] = clitest.SecondClientID, clitest.SecondClientSecret
	}
	return clitest.NewWorkspace(r.t, r.srv, env)
}

var errorLine = regexp.MustCompile(`(?m)^\s*Error: (.+)$`)

// transientWords mark a failure the provider should have retried: it must never reach the user.
var transientWords = regexp.MustCompile(`TooManyRequests|InternalServerError|ServiceUnavailable|GatewayTimeout|BadGateway|RequestConflict|` +
	`AnotherOperationInProgress|HTTP 5\d\d|HTTP 429|status code 5\d\d|context deadline exceeded`)

// record notes the errors a Terraform command showed.
func (r *run) record(out string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, m := range errorLine.FindAllStringSubmatch(out, -1) {
		r.res.errors = append(r.res.errors, m[1])
	}
	if len(errorLine.FindAllString(out, -1)) == 0 {
		return
	}
	flat := clitest.Flat(out)
	if r.scenario.expected != nil && r.scenario.expected.MatchString(flat) {
		return
	}
	if m := transientWords.FindString(flat); m != "" {
		r.res.transient = append(r.res.transient, m+": "+excerpt(flat, m))
	}
}

func excerpt(s, around string) string {
	i := strings.Index(s, around)
	lo, hi := max(0, i-160), min(len(s), i+160)
	return s[lo:hi]
}

// applyUntilConverged applies until an apply succeeds and the plan after it is empty, at most maxAttempts applies
// (counting those already made), and records how many it took; it returns whether it converged.
func (r *run) applyUntilConverged(w *clitest.Workspace, already int) bool {
	converged, applies := r.applyLoop(w, already)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.applies = max(r.res.applies, applies)
	return converged
}

// applyLoop is applyUntilConverged without recording the count (several workspaces of one run).
func (r *run) applyLoop(w *clitest.Workspace, already int) (converged bool, applies int) {
	for applies = already; applies < maxAttempts; {
		applies++
		out, err := w.Apply(r.ctx)
		r.record(out)
		if err != nil {
			continue
		}
		empty, plan, err := w.PlanIsEmpty(r.ctx)
		r.record(plan)
		if err == nil && empty {
			return true, applies
		}
	}
	return false, applies
}

// writesSince counts the writes answered with success since the request log had start entries.
func (r *run) writesSince(start int) int {
	n := 0
	for _, rec := range r.srv.Requests()[start:] {
		if isWrite(rec) && rec.Status < 300 {
			n++
		}
	}
	return n
}

// destroyUntilDone destroys until the state is empty, at most maxAttempts destroys; a destroy that cannot finish is a
// stranded destroy.
func (r *run) destroyUntilDone(w *clitest.Workspace) {
	for i := 0; i < maxAttempts; i++ {
		out, err := w.Destroy(r.ctx)
		r.record(out)
		if err == nil && len(w.StateIDs(r.t)) == 0 {
			return
		}
	}
	r.res.stranded = true
	r.note("destroy did not finish after %d attempts; state: %v", maxAttempts, w.StateIDs(r.t))
}

func (r *run) note(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.notes = append(r.res.notes, fmt.Sprintf(format, args...))
}

// state is the emulator's state dump, decoded.
type state struct {
	Resources       []object `json:"resources"`
	DeletedAccounts []object `json:"deletedAccounts"`
	RoleAssignments []object `json:"roleAssignments"`
	DataServices    struct {
		CosmosDBAccounts []struct {
			SQLRoleAssignments []object `json:"sqlRoleAssignments"`
		} `json:"cosmosDbAccounts"`
	} `json:"dataServices"`
}

type object struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	SystemData struct {
		CreatedBy string `json:"createdBy"`
	} `json:"systemData"`
	Properties struct {
		Scope            string `json:"scope"`
		RoleDefinitionID string `json:"roleDefinitionId"`
		PrincipalID      string `json:"principalId"`
	} `json:"properties"`
}

func (r *run) state() state {
	b, err := json.Marshal(r.srv.State())
	if err != nil {
		r.t.Fatal(err)
	}
	var st state
	if err := json.Unmarshal(b, &st); err != nil {
		r.t.Fatal(err)
	}
	return st
}

// checkConverged counts, once a configuration has converged, the duplicates (two role assignments or Cosmos DB SQL
// role assignments giving one principal one role on one scope) and the takeovers (an object in a workspace's state that
// another client created: only what the workspace's own client made may be in its state).
func (r *run) checkConverged(owners map[*clitest.Workspace]string) {
	st := r.state()
	seen := map[string]string{}
	dup := func(kind string, o object) {
		key := strings.ToLower(kind + "|" + o.Properties.Scope + "|" + lastSegment(o.Properties.RoleDefinitionID) + "|" + o.Properties.PrincipalID)
		if first, ok := seen[key]; ok {
			r.res.duplicates = append(r.res.duplicates, first+" and "+o.ID)
		}
		seen[key] = o.ID
	}
	for _, o := range st.RoleAssignments {
		dup("role", o)
	}
	for _, c := range st.DataServices.CosmosDBAccounts {
		for _, o := range c.SQLRoleAssignments {
			dup("sql", o)
		}
	}
	creator := map[string]string{}
	for _, o := range st.Resources {
		creator[strings.ToLower(o.ID)] = o.SystemData.CreatedBy
	}
	for w, client := range owners {
		if client == "" {
			client = emulator.DefaultClientID
		}
		for addr, id := range w.StateIDs(r.t) {
			if by, ok := creator[strings.ToLower(id)]; ok && !strings.EqualFold(by, client) {
				r.res.takeovers = append(r.res.takeovers, fmt.Sprintf("%s (%s) made by %s", addr, id, by))
			}
		}
	}
}

// checkClean counts what is left in the emulator after the final destroys: the orphans.
func (r *run) checkClean() {
	st := r.state()
	for _, o := range st.Resources {
		r.res.orphans = append(r.res.orphans, o.ID)
	}
	for _, o := range st.DeletedAccounts {
		r.res.orphans = append(r.res.orphans, "soft-deleted "+o.ID)
	}
	for _, o := range st.RoleAssignments {
		r.res.orphans = append(r.res.orphans, o.ID)
	}
	for _, c := range st.DataServices.CosmosDBAccounts {
		for _, o := range c.SQLRoleAssignments {
			r.res.orphans = append(r.res.orphans, o.ID)
		}
	}
}

func lastSegment(id string) string { return id[strings.LastIndex(id, "/")+1:] }

// row sums up a scenario's runs.
type row struct {
	name                                     string
	runs, converged                          int
	applies                                  []int
	orphans, duplicates, takeovers, stranded int
	errors, transient, secretHits            int
	wall                                     time.Duration
	details                                  []string
}

func summarise(sc *scenario, results []result) row {
	rw := row{name: sc.name, runs: len(results)}
	for i, res := range results {
		if res.converged {
			rw.converged++
		}
		rw.applies = append(rw.applies, res.applies)
		rw.orphans += len(res.orphans)
		rw.duplicates += len(res.duplicates)
		rw.takeovers += len(res.takeovers)
		if res.stranded {
			rw.stranded++
		}
		rw.errors += len(res.errors)
		rw.transient += len(res.transient)
		rw.secretHits += len(res.secretHits)
		rw.wall += res.wall
		for _, d := range slices.Concat(res.orphans, res.duplicates, res.takeovers, res.transient, res.secretHits, res.notes) {
			rw.details = append(rw.details, fmt.Sprintf("run %d: %s", i+1, d))
		}
	}
	return rw
}

func (rw row) appliesText() string {
	if len(rw.applies) == 0 {
		return "-"
	}
	sum, most := 0, 0
	for _, a := range rw.applies {
		sum += a
		most = max(most, a)
	}
	return fmt.Sprintf("%.1f (max %d)", float64(sum)/float64(len(rw.applies)), most)
}

// printTable writes the soak's table (and, under it, what went wrong in which run).
func printTable(rows []row, wall time.Duration) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "scenario\truns\tconverged\tapplies needed\torphans\tduplicates\ttakeovers\tstranded destroys\terrors shown (transient)\tsecrets found\twall")
	for _, rw := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d/%d\t%s\t%d\t%d\t%d\t%d\t%d (%d)\t%d\t%s\n", rw.name, rw.runs, rw.converged, rw.runs, rw.appliesText(),
			rw.orphans, rw.duplicates, rw.takeovers, rw.stranded, rw.errors, rw.transient, rw.secretHits, rw.wall.Round(time.Second))
	}
	_ = tw.Flush()
	fmt.Fprintf(&b, "soak wall time %s\n", wall.Round(time.Second))
	var details []string
	for _, rw := range rows {
		for _, d := range rw.details {
			details = append(details, rw.name+", "+d)
		}
	}
	sort.Strings(details)
	for _, d := range details {
		fmt.Fprintln(&b, "  "+d)
	}
	return b.String()
}
