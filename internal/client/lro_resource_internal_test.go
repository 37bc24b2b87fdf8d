package client

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// answers replies to each request with the next canned response.
type answers []*http.Response

func (a *answers) Do(req *http.Request) (*http.Response, error) {
	resp := (*a)[0]
	*a = (*a)[1:]
	resp.Request = req
	return resp, nil
}

func answer(status int, body string, header ...string) *http.Response {
	h := http.Header{"Content-Type": {"application/json"}}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body))}
}

// A deployment's GET carries no Retry-After: the polls of the resource keep the pace the first answer asked for the
// operation (without it, azcore waits the client's default 10 s between polls; 20 parallel deployments took 221 s
// instead of 41 s in make bench).
func TestBeginPollingResource_keepsTheOperationsPace(t *testing.T) {
	tr := &answers{
		answer(http.StatusCreated, `{"properties":{"provisioningState":"Accepted"}}`, "Azure-AsyncOperation", "https://arm.test/op", "Retry-After", "3"),
		answer(http.StatusOK, `{"properties":{"provisioningState":"Creating"}}`),
	}
	r := requester{pl: runtime.NewPipeline("test", "v0", runtime.PipelineOptions{}, &policy.ClientOptions{Transport: tr, Retry: policy.RetryOptions{MaxRetries: -1}}),
		apiVersion: APIVersion}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	get := func(context.Context) (struct{}, error) { t.Fatal("no GET may follow"); return struct{}{}, nil }
	p, err := beginPollingResource(ctx, r, "https://arm.test/deployments/d", map[string]any{}, get, http.StatusOK, http.StatusCreated)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := p.Poll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Request.URL.Path != "/deployments/d" {
		t.Errorf("polled %s; want the deployment itself", resp.Request.URL)
	}
	if got := resp.Header.Get("Retry-After"); got != "3" {
		t.Errorf("a poll of the resource answers Retry-After %q; want the operation's 3", got)
	}
	if p.Done() {
		t.Error("done while the deployment is Creating")
	}
}
