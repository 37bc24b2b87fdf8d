package emulator

import (
	"net/http"
	"time"
)

// implicitCapabilityHostSuffix names the account capability host the platform creates for network injection.
const implicitCapabilityHostSuffix = "@aml_aiagentservice"

// newCapabilityHostType registers account-scope capability hosts (accounts/{a}/capabilityHosts) for GET,
// list and DELETE (202 + Location). PUT is not modelled yet: the only capability hosts are the implicit ones
// network injection creates (injection.go).
func newCapabilityHostType() *resourceType {
	return &resourceType{
		collection: "capabilityhosts",
		armType:    providerNamespace + "/accounts/capabilityHosts",
		parent:     accountType,
		putPattern: patternAsyncOperation,
		prepare: func(c *call, w *write) *armError {
			return errf(http.StatusMethodNotAllowed, codeMethodNotAllowed,
				"The HTTP method '%s' is not supported for account capability hosts by the emulator yet; network injection creates the account capability host implicitly.", c.r.Method)
		},
		removed: removeCapabilityHost,
	}
}

// removeCapabilityHost deletes a capability host and starts the release of its subnet's service association link.
func removeCapabilityHost(s *Server, r *resource, now time.Time) {
	delete(s.st.resources, lower(r.id))
	if subnetID, _ := r.props()["customerSubnet"].(string); subnetID != "" {
		s.releaseLinks(accountID(r.sub, r.group, r.names[0]), subnetID, now)
	}
}

// createImplicitCapabilityHost stores <account>@aml_aiagentservice for an injected account.
func (c *call) createImplicitCapabilityHost(acc *resource, subnetID string) {
	typ := childTypes["capabilityhosts"]
	name := acc.names[0] + implicitCapabilityHostSuffix
	id := childID(acc.sub, acc.group, acc.names[0], typ, name)
	if c.st.resources[lower(id)] != nil {
		return
	}
	r := &resource{typ: typ, seq: c.st.nextSeq(), createdAt: c.now, createdBy: c.who.appID, modifiedAt: c.now, modifiedBy: c.who.appID}
	r.id, r.names, r.sub, r.group = id, []string{acc.names[0], name}, acc.sub, acc.group
	r.doc = map[string]any{"properties": map[string]any{"capabilityHostKind": "Agents", "customerSubnet": subnetID, "provisioningState": "Succeeded"}}
	r.etag = c.newETag()
	c.st.resources[lower(id)] = r
}
