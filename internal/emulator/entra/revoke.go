package entra

import (
	"fmt"
	"net/http"
	"strings"
)

// generationClaim carries, in every token, the revocation generation of its client when it was issued.
const generationClaim = "xms_emu_gen"

// CodeAuthorizationFailed is ARM's 403 code for a caller without the permission it needs.
const CodeAuthorizationFailed = "AuthorizationFailed"

// RevokeTokens makes every token issued so far to clientID invalid (ARM and the data plane answer 401
// InvalidAuthenticationToken); tokens issued afterwards are valid, as after an administrator revokes a service
// principal's sessions.
func (d *Directory) RevokeTokens(clientID string) error {
	if d.findClient(clientID) == nil {
		return fmt.Errorf("no seeded client %q", clientID)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.generation[strings.ToLower(clientID)]++
	return nil
}

// DenyAccess makes ARM refuse clientID's requests with 403 AuthorizationFailed until RestoreAccess, as after its
// role assignments are removed; Entra ID still issues it tokens.
func (d *Directory) DenyAccess(clientID string) error {
	if d.findClient(clientID) == nil {
		return fmt.Errorf("no seeded client %q", clientID)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.denied[strings.ToLower(clientID)] = true
	return nil
}

// RestoreAccess ends DenyAccess.
func (d *Directory) RestoreAccess(clientID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.denied, strings.ToLower(clientID))
}

// Denied reports whether ARM refuses the client (DenyAccess).
func (d *Directory) Denied(clientID string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.denied[strings.ToLower(clientID)]
}

// ResetRevocations forgets every revocation and denial (the emulator's Reset).
func (d *Directory) ResetRevocations() {
	d.mu.Lock()
	defer d.mu.Unlock()
	clear(d.denied)
	// Generations only grow: a token revoked before the reset stays revoked.
}

func (d *Directory) generationOf(clientID string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.generation[strings.ToLower(clientID)]
}

// revoked reports whether a token's claims are from an older revocation generation than its client's.
func (d *Directory) revoked(claims map[string]any) bool {
	app, _ := claims["appid"].(string)
	gen, _ := claims[generationClaim].(float64)
	return int(gen) < d.generationOf(app)
}

// ClientOf names the client of a request without verifying anything (for the request log and the fault rules): the
// appid of its bearer token, else the client_id of a token request (form or basic authentication), else "".
func ClientOf(r *http.Request) string {
	if raw, te := bearer(r); te == nil {
		if c := unverifiedClaims(raw); c != nil {
			app, _ := c["appid"].(string)
			return app
		}
	}
	if r.Method == http.MethodPost && strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/x-www-form-urlencoded") {
		if err := r.ParseForm(); err == nil && r.PostForm.Get("client_id") != "" {
			return r.PostForm.Get("client_id")
		}
	}
	if u, _, ok := r.BasicAuth(); ok {
		return u
	}
	return ""
}

// maxIssued bounds the tokens Issued remembers.
const maxIssued = 1000

func (d *Directory) remember(tok string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.issued) == maxIssued {
		d.issued = d.issued[1:]
	}
	d.issued = append(d.issued, tok)
}

// Issued returns the access tokens the token endpoint issued (the last 1000), oldest first: a test looks for them
// where they must never be (state, plans, logs).
func (d *Directory) Issued() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.issued...)
}
