package client

import (
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// userAgentPolicy appends the caller's product tokens to the User-Agent azcore's telemetry policy wrote; azcore's
// own ApplicationID is cut at 24 characters, too short for "terraform-provider-foundry/x.y.z terraform/x.y.z".
type userAgentPolicy struct {
	userAgent string
}

func newUserAgentPolicy(userAgent string) policy.Policy {
	return userAgentPolicy{userAgent: strings.TrimSpace(userAgent)}
}

// Do implements policy.Policy.
func (p userAgentPolicy) Do(req *policy.Request) (*http.Response, error) {
	if p.userAgent != "" {
		h := req.Raw().Header
		if ua := h.Get("User-Agent"); ua != "" && !strings.HasSuffix(ua, p.userAgent) {
			h.Set("User-Agent", ua+" "+p.userAgent)
		} else if ua == "" {
			h.Set("User-Agent", p.userAgent)
		}
	}
	return req.Next()
}
