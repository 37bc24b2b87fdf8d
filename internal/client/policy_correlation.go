package client

import (
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

const headerCorrelationID = "x-ms-correlation-request-id"

// correlationPolicy sends one x-ms-correlation-request-id for every request of a provider run, so ARM's logs can
// group them; azcore sends none by default. The per-request x-ms-client-request-id comes from
// runtime.NewRequestIDPolicy.
type correlationPolicy struct {
	id string
}

func newCorrelationPolicy(id string) policy.Policy {
	return correlationPolicy{id: id}
}

// Do implements policy.Policy.
func (p correlationPolicy) Do(req *policy.Request) (*http.Response, error) {
	if req.Raw().Header.Get(headerCorrelationID) == "" {
		req.Raw().Header.Set(headerCorrelationID, p.id)
	}
	return req.Next()
}
