package entra

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Principal is the caller a validated token names.
type Principal struct {
	AppID    string
	ObjectID string
	Audience string
}

// TokenError is an authentication failure with the code ARM reports for it.
type TokenError struct {
	Code    string
	Message string
}

// Codes of token failures, as ARM reports them.
const (
	CodeAuthFailed    = "AuthenticationFailed"
	CodeInvalidToken  = "InvalidAuthenticationToken"
	CodeExpiredToken  = "ExpiredAuthenticationToken"
	CodeWrongAudience = "InvalidAuthenticationTokenAudience"
)

// Authenticate validates the request's bearer token (signed by this directory, unexpired on the emulator clock)
// against the allowed audiences. In permissive mode any bearer token, or none, is accepted.
func (d *Directory) Authenticate(r *http.Request, audiences []string) (Principal, *TokenError) {
	raw, te := bearer(r)
	if d.permissive {
		p := Principal{AppID: "permissive", ObjectID: "permissive"}
		if raw != "" {
			if c := unverifiedClaims(raw); c != nil {
				p.AppID, _ = c["appid"].(string)
				p.ObjectID, _ = c["oid"].(string)
				p.Audience, _ = c["aud"].(string)
			}
		}
		return p, nil
	}
	if te != nil {
		return Principal{}, te
	}
	now := d.now()
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) { return &d.signKey.PublicKey, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithTimeFunc(func() time.Time { return now }), jwt.WithExpirationRequired())
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			exp, _ := claims.GetExpirationTime()
			expAt := ""
			if exp != nil {
				expAt = exp.UTC().Format("01/02/2006 15:04:05")
			}
			return Principal{}, &TokenError{CodeExpiredToken, fmt.Sprintf(
				"The access token expiry UTC time '%s' is earlier than current UTC time '%s'.", expAt, now.Format("01/02/2006 15:04:05"))}
		}
		return Principal{}, &TokenError{CodeInvalidToken, "The access token is invalid."}
	}
	if d.revoked(claims) {
		return Principal{}, &TokenError{CodeInvalidToken, "The access token has been revoked: the client's sessions were revoked after it was issued."}
	}
	aud, _ := claims["aud"].(string)
	if !slices.Contains(audiences, aud) {
		return Principal{Audience: aud}, &TokenError{CodeWrongAudience, fmt.Sprintf(
			"The access token has been obtained for wrong audience or resource '%s'. It should exactly match with one of the allowed audiences '%s'.",
			aud, strings.Join(audiences, "','"))}
	}
	p := Principal{Audience: aud}
	p.AppID, _ = claims["appid"].(string)
	p.ObjectID, _ = claims["oid"].(string)
	return p, nil
}

func bearer(r *http.Request) (string, *TokenError) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", &TokenError{CodeAuthFailed, "Authentication failed. The 'Authorization' header is missing."}
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return "", &TokenError{CodeAuthFailed, "Authentication failed. The 'Authorization' header is provided in an invalid format."}
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

// AudienceOf reads the aud claim of the request's bearer token without verifying it (for the request log).
func AudienceOf(r *http.Request) string {
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
