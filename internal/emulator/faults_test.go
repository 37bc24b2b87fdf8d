package emulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

func TestETagPreconditions(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "etag")
	mustErr(t, c.do(http.MethodPut, p, foundryAccount("etag-sub"), "If-Match", "*"), http.StatusPreconditionFailed, "PreconditionFailed")
	got := c.create(p, foundryAccount("etag-sub"))
	etag := got.header.Get("ETag")
	if etag == "" || etag != got.body["etag"] {
		t.Fatalf("ETag header %q, body %v", etag, got.body["etag"])
	}
	mustErr(t, c.do(http.MethodPut, p, foundryAccount("etag-sub"), "If-None-Match", "*"), http.StatusPreconditionFailed, "PreconditionFailed")
	mustErr(t, c.do(http.MethodPatch, p, map[string]any{}, "If-Match", `W/"stale"`), http.StatusPreconditionFailed, "PreconditionFailed")
	mustErr(t, c.do(http.MethodDelete, p, nil, "If-Match", `W/"stale"`), http.StatusPreconditionFailed, "PreconditionFailed")
	r := must(t, c.do(http.MethodPut, p, foundryAccount("etag-sub"), "If-Match", etag), http.StatusOK)
	if r.header.Get("ETag") == etag {
		t.Fatal("etag did not change on write")
	}
	c.settle(r)
	must(t, c.do(http.MethodDelete, accountPath("rg-foundry", "missing"), nil, "If-Match", `W/"x"`), http.StatusNoContent)
}

func TestFaults(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "faulty")

	// Count-limited 429 with Retry-After.
	srv.AddFault(emulator.Fault{Method: "GET", PathPattern: "/accounts/faulty$", Status: 429, RetryAfter: 7, Count: 2})
	for i := 0; i < 2; i++ {
		r := mustErr(t, c.do(http.MethodGet, p, nil), http.StatusTooManyRequests, "TooManyRequests")
		if r.header.Get("Retry-After") != "7" {
			t.Fatalf("Retry-After = %q", r.header.Get("Retry-After"))
		}
	}
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")

	// AfterCommit: the write happens, the answer is the fault.
	srv.AddFault(emulator.Fault{Method: "PUT", PathPattern: "/accounts/faulty$", Status: 500, Count: 1, AfterCommit: true})
	mustErr(t, c.do(http.MethodPut, p, foundryAccount("faulty-sub")), http.StatusInternalServerError, "InternalServerError")
	must(t, c.do(http.MethodGet, p, nil), http.StatusOK)

	// AsyncFail on a Location-pattern write: the final poll is 4xx + envelope and the update is reverted.
	srv.AddFault(emulator.Fault{Method: "PATCH", Status: 400, Code: "InvalidData", Message: "boom", Count: 1, AsyncFail: true})
	r := must(t, c.do(http.MethodPatch, p, map[string]any{"tags": map[string]any{"x": "y"}}), http.StatusAccepted)
	fin := mustErr(t, c.settle(r), http.StatusBadRequest, "InvalidData")
	if !strings.Contains(fin.raw2(), "boom") {
		t.Fatalf("final poll: %s", fin.raw)
	}
	g := must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
	if g.props()["provisioningState"] != "Failed" || g.body["tags"] != nil {
		t.Fatalf("after failed update: %s", g.raw)
	}

	// AsyncFail on an Azure-AsyncOperation write: status Failed + error.
	srv.AddFault(emulator.Fault{Method: "PUT", PathPattern: "/deployments/", Code: "QuotaExceeded", Message: "no quota", Count: 1, AsyncFail: true})
	dr := must(t, c.do(http.MethodPut, p+"/deployments/d1", map[string]any{
		"sku": map[string]any{"name": "GlobalStandard"}, "properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}},
	}), http.StatusCreated)
	st := must(t, c.settle(dr), http.StatusOK)
	if st.body["status"] != "Failed" || st.body["error"].(map[string]any)["code"] != "QuotaExceeded" || st.body["endTime"] == nil {
		t.Fatalf("status monitor: %s", st.raw)
	}
	if d := must(t, c.do(http.MethodGet, p+"/deployments/d1", nil), http.StatusOK); d.props()["provisioningState"] != "Failed" {
		t.Fatalf("failed create: %s", d.raw)
	}

	// Latency-only fault and ClearFaults.
	srv.AddFault(emulator.Fault{LatencyMS: 30})
	start := time.Now()
	must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
	if time.Since(start) < 30*time.Millisecond {
		t.Fatal("latency fault not applied")
	}
	srv.ClearFaults()
	mustErr(t, c.do(http.MethodGet, srv.URL()+"/subscriptions/"+subID+"/providers/Microsoft.CognitiveServices/locations/eastus/operationResults/unknown?api-version=2026-09-01", nil),
		http.StatusNotFound, "OperationNotFound")
}

func TestClockOutOfBandAndRequestLog(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "oob")
	c.create(p, foundryAccount("oob-sub"))
	c.create(p+"/projects/p1", map[string]any{"location": "eastus"})
	if err := srv.DeleteOutOfBand(p+"/projects/p1", false); err != nil {
		t.Fatal(err)
	}
	mustErr(t, c.do(http.MethodGet, p+"/projects/p1", nil), http.StatusNotFound, "ResourceNotFound")
	if err := srv.DeleteOutOfBand(p, false); err != nil {
		t.Fatal(err)
	}
	delPath := "/subscriptions/" + subID + "/providers/Microsoft.CognitiveServices/locations/eastus/resourceGroups/rg-foundry/deletedAccounts/oob"
	must(t, c.do(http.MethodGet, delPath, nil), http.StatusOK)
	if err := srv.DeleteOutOfBand("/subscriptions/x/nothing", false); err == nil {
		t.Fatal("expected an error for an unknown ID")
	}

	srv.AdvanceClock(49 * time.Hour)
	c = newRaw(t, srv, armAud) // tokens follow the emulator clock
	mustErr(t, c.do(http.MethodGet, delPath, nil), http.StatusNotFound, "ResourceNotFound")
	c.create(p, foundryAccount("oob-sub")) // name and subdomain are free again

	srv.ResetRequests()
	c.do(http.MethodGet, p, nil, "x-ms-client-request-id", "cid-1")
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Status != 200 || reqs[0].ClientRequestID != "cid-1" || reqs[0].Audience != armAud || reqs[0].RequestID == "" {
		t.Fatalf("request log: %+v", reqs)
	}
	srv.Reset()
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")
}

func TestPaging(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	for _, n := range []string{"a", "b", "c"} {
		c.create(accountPath("rg-other", "pg"+n), map[string]any{"location": "westus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}})
	}
	srv.SetPageSize(2)
	first := must(t, c.do(http.MethodGet, "/subscriptions/"+subID+"/resourceGroups/rg-other/providers/Microsoft.CognitiveServices/accounts", nil), http.StatusOK)
	next, _ := first.body["nextLink"].(string)
	if len(first.body["value"].([]any)) != 2 || !strings.HasPrefix(next, srv.URL()+"/subscriptions/") || !strings.Contains(next, "api-version=2026-09-01") {
		t.Fatalf("first page: %s", first.raw)
	}
	second := must(t, c.do(http.MethodGet, next, nil), http.StatusOK)
	if len(second.body["value"].([]any)) != 1 || second.body["nextLink"] != nil {
		t.Fatalf("second page: %s", second.raw)
	}
}

func TestControlAPIOverHTTP(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	hc := srv.HTTPClient()
	post := func(method, path, body string) (int, []byte) {
		req, _ := http.NewRequest(method, srv.URL()+"/_emulator/"+path, strings.NewReader(body))
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, data
	}
	if code, _ := post(http.MethodPost, "faults", `{"method":"GET","pathPattern":"/accounts/ctl$","status":503,"retryAfter":2,"count":1}`); code != http.StatusCreated {
		t.Fatalf("add fault: %d", code)
	}
	if code, data := post(http.MethodGet, "faults", ""); code != 200 || !bytes.Contains(data, []byte(`"status":503`)) {
		t.Fatalf("list faults: %d %s", code, data)
	}
	c := newRaw(t, srv, armAud)
	r := mustErr(t, c.do(http.MethodGet, accountPath("rg-foundry", "ctl"), nil), http.StatusServiceUnavailable, "ServiceUnavailable")
	if r.header.Get("Retry-After") != "2" {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	if code, _ := post(http.MethodDelete, "faults", ""); code != http.StatusNoContent {
		t.Fatalf("clear faults: %d", code)
	}
	if code, data := post(http.MethodPut, "config", `{"asyncDurationMs":3600000,"retryAfter":0}`); code != 200 || !bytes.Contains(data, []byte(`"retryAfter":0`)) {
		t.Fatalf("config: %d %s", code, data)
	}
	created := must(t, c.do(http.MethodPut, accountPath("rg-foundry", "ctl"), foundryAccount("ctl-sub")), http.StatusCreated)
	if created.header.Get("Retry-After") != "0" {
		t.Fatalf("Retry-After %q", created.header.Get("Retry-After"))
	}
	if g := must(t, c.do(http.MethodGet, accountPath("rg-foundry", "ctl"), nil), http.StatusOK); g.props()["provisioningState"] != "Accepted" {
		t.Fatalf("before the clock moves: %s", g.raw)
	}
	if code, _ := post(http.MethodPost, "clock/advance", `{"seconds":3601}`); code != 200 {
		t.Fatalf("clock: %d", code)
	}
	c = newRaw(t, srv, armAud)
	if g := must(t, c.do(http.MethodGet, accountPath("rg-foundry", "ctl"), nil), http.StatusOK); g.props()["provisioningState"] != "Succeeded" {
		t.Fatalf("after the clock moved: %s", g.raw)
	}
	code, data := post(http.MethodGet, "state", "")
	var st map[string]any
	if code != 200 || json.Unmarshal(data, &st) != nil || len(st["resources"].([]any)) != 1 {
		t.Fatalf("state: %d %s", code, data)
	}
	for i, ops := 1, st["operations"].([]any); i < len(ops); i++ { // oldest first: the same state dumps the same
		if ops[i-1].(map[string]any)["startTime"].(string) > ops[i].(map[string]any)["startTime"].(string) {
			t.Fatalf("operations out of order: %v", ops)
		}
	}
	if code, _ := post(http.MethodPost, "delete-out-of-band", `{"id":"`+accountPath("rg-foundry", "ctl")+`","purge":true}`); code != http.StatusNoContent {
		t.Fatalf("delete-out-of-band: %d", code)
	}
	code, data = post(http.MethodGet, "state", "")
	if code != 200 || !bytes.Contains(data, []byte(`"resources":[]`)) || !bytes.Contains(data, []byte(`"deletedAccounts":[]`)) {
		t.Fatalf("state after purge: %s", data)
	}
	if code, data := post(http.MethodGet, "requests", ""); code != 200 || !bytes.Contains(data, []byte("ctl")) {
		t.Fatalf("requests: %d", code)
	}
	if code, data := post(http.MethodGet, "ca.pem", ""); code != 200 || !bytes.Contains(data, []byte("BEGIN CERTIFICATE")) {
		t.Fatalf("ca.pem: %d %s", code, data)
	}
	if code, _ := post(http.MethodPost, "reset", ""); code != http.StatusNoContent {
		t.Fatalf("reset: %d", code)
	}
}

func TestStartIsFast(t *testing.T) {
	t.Parallel()
	for i := 0; i < 5; i++ {
		srv, err := emulator.Start(emulator.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(srv.URL(), "https://127.0.0.1:") || srv.CA() == nil {
			t.Fatalf("URL %s", srv.URL())
		}
		_ = srv.Close()
	}
	plain, err := emulator.Start(emulator.Options{PlainHTTP: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = plain.Close() }()
	if !strings.HasPrefix(plain.URL(), "http://") {
		t.Fatalf("URL %s", plain.URL())
	}
}
