package emulator_test

import (
	"net/http"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// ARM's read limit (issue 18): off by default; on, a bucket per subscription and principal answers 429 with
// Retry-After once empty, and writes are not counted.
func TestReadLimit(t *testing.T) {
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Close() }()
	token, err := srv.Token("https://management.core.windows.net/")
	if err != nil {
		t.Fatal(err)
	}
	get := func() *http.Response {
		req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/subscriptions/"+emulator.DefaultSubscriptionID+"/resourcegroups?api-version=2021-04-01", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		return resp
	}
	for range 20 {
		if resp := get(); resp.StatusCode != http.StatusOK {
			t.Fatalf("read limit off: %d", resp.StatusCode)
		}
	}
	srv.SetReadLimit(emulator.ReadLimit{Capacity: 5, RefillPerSecond: 0.5})
	for i := range 5 {
		if resp := get(); resp.StatusCode != http.StatusOK {
			t.Fatalf("read %d of a bucket of 5: %d", i+1, resp.StatusCode)
		}
	}
	resp := get()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "2" {
		t.Fatalf("6th read: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if srv.Throttled() != 1 {
		t.Errorf("Throttled() = %d", srv.Throttled())
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; last.Status != http.StatusTooManyRequests || last.ErrorCode != "SubscriptionRequestsThrottled" {
		t.Errorf("request log: %+v", last)
	}
	srv.SetReadLimit(emulator.ReadLimit{})
	if resp := get(); resp.StatusCode != http.StatusOK {
		t.Fatalf("read limit off again: %d", resp.StatusCode)
	}
}
