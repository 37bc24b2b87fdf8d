package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// armGet calls the emulator's ARM API directly, as another tool would, and returns the status and body.
func (e *Env) armGet(path string) (int, string, error) {
	return e.ARMCall(http.MethodGet, path)
}

// ARMCall sends a request without a body (a GET, or an action such as POST .../listKeys) to the emulator's ARM API
// directly, as another tool would, and returns the status and body.
func (e *Env) ARMCall(method, path string) (int, string, error) {
	return e.ARMSend(method, path, nil)
}

// OutOfBand changes a resource as someone else would (a PUT, PATCH or action with a JSON body, straight to ARM), for
// tests of drift; any answer but 2xx is an error.
func (e *Env) OutOfBand(method, path string, body any) error {
	status, got, err := e.ARMSend(method, path, body)
	if err == nil && (status < 200 || status > 299) {
		err = fmt.Errorf("%s %s: HTTP %d: %s", method, path, status, got)
	}
	return err
}

// ARMSend sends a request, with body as JSON unless it is nil, to the emulator's ARM API directly, as another tool
// would, and returns the status and body.
func (e *Env) ARMSend(method, path string, body any) (int, string, error) {
	token, err := e.Server.Token(ARMAudience)
	if err != nil {
		return 0, "", err
	}
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return 0, "", err
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.Server.URL()+path+"?api-version=2026-09-01", reader)
	if err != nil {
		return 0, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := e.Server.HTTPClient().Do(req)
	if err != nil {
		return 0, "", err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// CheckNoDeletedAccount fails unless no soft-deleted account with this name exists (it was purged).
func CheckNoDeletedAccount(e *Env, location, resourceGroup, name string) error {
	status, body, err := e.armGet(fmt.Sprintf("/subscriptions/%s/providers/Microsoft.CognitiveServices/locations/%s/resourceGroups/%s/deletedAccounts/%s",
		e.SubscriptionID, location, resourceGroup, name))
	if err != nil {
		return err
	}
	if status != http.StatusNotFound {
		return fmt.Errorf("expected the soft-deleted account %s to be purged (404), got HTTP %d: %s", name, status, body)
	}
	return nil
}

// CountRequests counts logged requests with this method and status whose path contains fragment.
func (e *Env) CountRequests(method string, status int, fragment string) int {
	n := 0
	for _, r := range e.Server.Requests() {
		if (method == "" || r.Method == method) && (status == 0 || r.Status == status) && containsFold(r.Path, fragment) {
			n++
		}
	}
	return n
}

// InAzure checks that the resource's body, as ARM returns it, has each JSON fragment: what the provider sent, not what
// it saved. Fragments are compact JSON with the keys of each object in alphabetical order (as json.Marshal writes
// maps), e.g. `"deploymentState":"Paused"`.
func (e *Env) InAzure(id string, fragments ...string) statecheck.StateCheck {
	return armFragments{env: e, id: id, fragments: fragments}
}

type armFragments struct {
	env       *Env
	id        string
	fragments []string
}

func (c armFragments) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	status, body, err := c.env.ARMCall(http.MethodGet, c.id)
	if err == nil && status != http.StatusOK {
		err = fmt.Errorf("HTTP %d: %s", status, body)
	}
	if err != nil {
		resp.Error = fmt.Errorf("reading %s: %w", c.id, err)
		return
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		resp.Error = err
		return
	}
	compact, _ := json.Marshal(v)
	for _, f := range c.fragments {
		if !strings.Contains(string(compact), f) {
			resp.Error = fmt.Errorf("%s in Azure has no %s: %s", c.id, f, compact)
			return
		}
	}
}
