package emulator

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Audiences accepted by ARM and by the project data plane.
var (
	armAudiences       = []string{"https://management.core.windows.net/", "https://management.azure.com/", "https://management.azure.com", "https://management.core.windows.net"}
	dataPlaneAudiences = []string{"https://ai.azure.com", "https://ai.azure.com/"}
)

// principal is the caller identified by a validated token.
type principal struct {
	appID    string
	objectID string
	aud      string
}

// tokenError is an authentication failure with its ARM code.
type tokenError struct {
	code    string
	message string
}

// authenticate validates the bearer token against the allowed audiences.
func (s *Server) authenticate(r *http.Request, audiences []string) (principal, *tokenError) {
	raw, te := bearer(r)
	if s.opts.Permissive {
		p := principal{appID: "permissive", objectID: "permissive"}
		if raw != "" {
			if c := unverifiedClaims(raw); c != nil {
				p.appID, _ = c["appid"].(string)
				p.objectID, _ = c["oid"].(string)
				p.aud, _ = c["aud"].(string)
			}
		}
		return p, nil
	}
	if te != nil {
		return principal{}, te
	}
	now := s.now()
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) { return &s.signKey.PublicKey, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithTimeFunc(func() time.Time { return now }), jwt.WithExpirationRequired())
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			exp, _ := claims.GetExpirationTime()
			expAt := ""
			if exp != nil {
				expAt = exp.UTC().Format("01/02/2006 15:04:05")
			}
			return principal{}, &tokenError{codeExpiredToken, fmt.Sprintf(
				"The access token expiry UTC time '%s' is earlier than current UTC time '%s'.", expAt, now.Format("01/02/2006 15:04:05"))}
		}
		return principal{}, &tokenError{codeInvalidToken, "The access token is invalid."}
	}
	aud, _ := claims["aud"].(string)
	if !contains(audiences, aud) {
		return principal{aud: aud}, &tokenError{codeWrongAudience, fmt.Sprintf(
			"The access token has been obtained for wrong audience or resource '%s'. It should exactly match with one of the allowed audiences '%s'.",
			aud, strings.Join(audiences, "','"))}
	}
	p := principal{aud: aud}
	p.appID, _ = claims["appid"].(string)
	p.objectID, _ = claims["oid"].(string)
	return p, nil
}

func bearer(r *http.Request) (string, *tokenError) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", &tokenError{codeAuthFailed, "Authentication failed. The 'Authorization' header is missing."}
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return "", &tokenError{codeAuthFailed, "Authentication failed. The 'Authorization' header is provided in an invalid format."}
	}
	return strings.TrimSpace(tok), nil
}

func unverifiedClaims(raw string) jwt.MapClaims {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil {
		return nil
	}
	return claims
}

// audienceOf reads the aud claim of the request's bearer token without verifying it (for the request log).
func audienceOf(r *http.Request) string {
	raw, te := bearer(r)
	if te != nil {
		return ""
	}
	if c := unverifiedClaims(raw); c != nil {
		aud, _ := c["aud"].(string)
		return aud
	}
	return ""
}

// writeARMAuthError answers 401 the way ARM does, with a WWW-Authenticate challenge.
func (s *Server) writeARMAuthError(w http.ResponseWriter, te *tokenError) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(
		`Bearer authorization_uri="%s/%s", error="invalid_token", error_description="%s"`,
		s.url, s.seed.TenantID, strings.ReplaceAll(te.message, `"`, "'")))
	writeError(w, &armError{status: http.StatusUnauthorized, code: te.code, message: te.message})
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
