package soak_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/clitest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// TestSoak runs the fault matrix (SOAK=full for the full one; SOAK_SEED, default 14, seeds the fault draws and the
// kill points; SOAK_REPORT names a file for the table) and fails on any orphan, duplicate, takeover, stranded destroy,
// transient error shown to the user, run that did not converge, or secret found where it must not be.
func TestSoak(t *testing.T) {
	clitest.TerraformPath(t)
	clitest.ProviderDir(t)
	m := soakMode()
	seed := uint64(14)
	if s, err := strconv.ParseUint(os.Getenv("SOAK_SEED"), 10, 64); err == nil {
		seed = s
	}
	var all []*scenario
	for _, sc := range scenarios(m) {
		if m.only == nil || m.only.MatchString(sc.name) {
			all = append(all, sc)
		}
	}
	results := make([][]result, len(all))
	start := time.Now()
	t.Run("runs", func(t *testing.T) {
		for si, sc := range all {
			results[si] = make([]result, sc.runs)
			for i := 0; i < sc.runs; i++ {
				t.Run(fmt.Sprintf("%02d-%02d", si+1, i+1), func(t *testing.T) {
					t.Parallel()
					r := newRun(t, sc, seed*1000+uint64(si*100+i), emulator.Options{})
					began := time.Now()
					sc.run(r)
					r.res.wall = time.Since(began)
					results[si][i] = r.res
				})
			}
		}
	})
	rows := make([]row, len(all))
	for i, sc := range all {
		rows[i] = summarise(sc, results[i])
	}
	table := printTable(rows, time.Since(start))
	fmt.Print(table)
	if p := os.Getenv("SOAK_REPORT"); p != "" {
		if err := os.WriteFile(p, []byte(table), 0o600); err != nil {
			t.Error(err)
		}
	}
	for _, rw := range rows {
		if rw.converged != rw.runs || rw.orphans+rw.duplicates+rw.takeovers+rw.stranded+rw.transient+rw.secretHits > 0 {
			t.Errorf("%s: %d/%d converged, %d orphans, %d duplicates, %d takeovers, %d stranded destroys, %d transient errors shown, "+
				"%d secrets found", rw.name, rw.converged, rw.runs, rw.orphans, rw.duplicates, rw.takeovers, rw.stranded, rw.transient, rw.secretHits)
		}
	}
}
