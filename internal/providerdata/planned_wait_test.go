package providerdata

import (
	"context"
	"slices"
	"testing"
	"time"
)

// A check that runs before the resource planned beside it records its name waits for the claim; one whose name is
// never claimed gives up when its context ends.
func TestPlannedWaitClaimed(t *testing.T) {
	p := NewPlanned()
	has := func(name string) func([]string) bool {
		return func(names []string) bool { return slices.Contains(names, name) }
	}
	go func() {
		time.Sleep(20 * time.Millisecond)
		p.Claim("deployment", "/ACC", "other")
		p.Claim("deployment", "/acc", "chat")
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if !p.WaitClaimed(ctx, "deployment", "/acc", has("chat")) {
		t.Fatal("the claim made while waiting was not seen")
	}
	short, cancelShort := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancelShort()
	if p.WaitClaimed(short, "deployment", "/acc", has("missing")) {
		t.Fatal("a name never claimed was reported claimed")
	}
}
