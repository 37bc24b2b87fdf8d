// Package entra is the emulator's Entra ID: it issues tokens to the seeded clients (client secret or client
// assertion), serves instance discovery, the OpenID configuration and the signing keys, and checks the tokens it
// issued for the other wings (signature, expiry on the emulator clock, audience).
package entra

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

const (
	tokenLifetime       = time.Hour
	jwtBearerAssertType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
)

// Client is an Entra ID application (service principal) that may request tokens.
type Client struct {
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
	ObjectID     string `json:"objectId"`
	DisplayName  string `json:"displayName"`
	// CertificatePEM is an optional public certificate used to verify client assertions.
	CertificatePEM string `json:"certificatePem"`
}

// Directory is one tenant with its clients and the key that signs its tokens.
type Directory struct {
	url        string
	tenantID   string
	clients    []Client
	permissive bool
	now        func() time.Time
	signKey    *ecdsa.PrivateKey
	keyID      string

	// mu guards what an administrator changes at run time (revocations); the Directory never takes the emulator's
	// state lock while holding it.
	mu sync.Mutex
	// generation counts each client's token revocations: a token carries the generation it was issued in, and one
	// from an older generation is refused.
	generation map[string]int
	// denied clients are refused by ARM (403 AuthorizationFailed) until access is restored.
	denied map[string]bool
	// issued are the last access tokens the token endpoint issued (for the soak's secret scan), oldest first.
	issued []string
}

// Config configures a Directory.
type Config struct {
	URL        string   // the emulator's base URL (issuer and endpoints)
	TenantID   string   // the one tenant
	Clients    []Client // who may request tokens
	Permissive bool     // Authenticate accepts any bearer token
	// Now is the emulator clock. It takes the emulator's state lock: never call the Directory with that lock held.
	Now func() time.Time
}

// New creates the directory with a fresh ES256 signing key.
func New(cfg Config) (*Directory, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating signing key: %w", err)
	}
	return &Directory{url: cfg.URL, tenantID: cfg.TenantID, clients: cfg.Clients, permissive: cfg.Permissive, now: cfg.Now,
		signKey: key, keyID: wire.RandomHex(8), generation: map[string]int{}, denied: map[string]bool{}}, nil
}

// Serves reports whether a path is one of Entra ID's (instance discovery, OpenID configuration, keys, token).
func (d *Directory) Serves(path string) bool { return d.route(path) != nil }

// ServeHTTP answers an Entra ID request (one whose path Serves).
func (d *Directory) ServeHTTP(w http.ResponseWriter, r *http.Request) { d.route(r.URL.Path)(w, r) }

// route returns the handler of an Entra ID path, nil for any other path.
func (d *Directory) route(path string) http.HandlerFunc {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	lp := strings.ToLower(strings.Trim(path, "/"))
	switch {
	case lp == "common/discovery/instance":
		return d.serveInstanceDiscovery
	case len(parts) == 4 && strings.HasSuffix(lp, "/v2.0/.well-known/openid-configuration"),
		len(parts) == 3 && strings.HasSuffix(lp, "/.well-known/openid-configuration"):
		return func(w http.ResponseWriter, _ *http.Request) { d.serveOpenIDConfig(w, parts[0]) }
	case len(parts) == 4 && strings.HasSuffix(lp, "/discovery/v2.0/keys"):
		return func(w http.ResponseWriter, _ *http.Request) { d.serveJWKS(w) }
	case len(parts) == 4 && strings.HasSuffix(lp, "/oauth2/v2.0/token"),
		len(parts) == 3 && strings.HasSuffix(lp, "/oauth2/token"):
		return func(w http.ResponseWriter, r *http.Request) { d.serveToken(w, r, parts[0]) }
	}
	return nil
}

func (d *Directory) knownTenant(t string) bool {
	switch strings.ToLower(t) {
	case strings.ToLower(d.tenantID), "common", "organizations":
		return true
	}
	return false
}

func (d *Directory) serveOpenIDConfig(w http.ResponseWriter, tenant string) {
	if !d.knownTenant(tenant) {
		writeAADError(w, http.StatusBadRequest, "invalid_tenant", 90002,
			fmt.Sprintf("Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", tenant))
		return
	}
	base := d.url + "/" + tenant
	wire.WriteJSON(w, http.StatusOK, map[string]any{
		"token_endpoint":                        base + "/oauth2/v2.0/token",
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"jwks_uri":                              base + "/discovery/v2.0/keys",
		"response_modes_supported":              []string{"query", "fragment", "form_post"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"ES256"},
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"scopes_supported":                      []string{"openid", "profile", "email", "offline_access"},
		"issuer":                                d.issuer(),
		"request_uri_parameter_supported":       false,
		"userinfo_endpoint":                     base + "/openid/userinfo",
		"authorization_endpoint":                base + "/oauth2/v2.0/authorize",
		"device_authorization_endpoint":         base + "/oauth2/v2.0/devicecode",
		"end_session_endpoint":                  base + "/oauth2/v2.0/logout",
		"tenant_region_scope":                   "NA",
		"cloud_instance_name":                   "emulator",
		"cloud_graph_host_name":                 "graph.windows.net",
		"msgraph_host":                          "graph.microsoft.com",
	})
}

func (d *Directory) serveInstanceDiscovery(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	wire.WriteJSON(w, http.StatusOK, map[string]any{
		"tenant_discovery_endpoint": d.url + "/" + d.tenantID + "/v2.0/.well-known/openid-configuration",
		"api-version":               "1.1",
		"metadata": []map[string]any{{
			"preferred_network": host, "preferred_cache": host, "aliases": []string{host},
		}},
	})
}

func (d *Directory) serveJWKS(w http.ResponseWriter) {
	enc := base64.RawURLEncoding
	// Uncompressed point: 0x04 || X (32 bytes) || Y (32 bytes).
	raw, err := d.signKey.PublicKey.Bytes()
	if err != nil || len(raw) != 65 {
		wire.WriteJSON(w, http.StatusInternalServerError, map[string]any{"error": "server_error"})
		return
	}
	x, y := raw[1:33], raw[33:65]
	wire.WriteJSON(w, http.StatusOK, map[string]any{"keys": []map[string]any{{
		"kty": "EC", "use": "sig", "crv": "P-256", "kid": d.keyID, "alg": "ES256",
		"x": enc.EncodeToString(x), "y": enc.EncodeToString(y),
	}}})
}

func writeAADError(w http.ResponseWriter, status int, errCode string, aadsts int, desc string) {
	traceID, corrID := uuid.NewString(), uuid.NewString()
	now := time.Now().UTC()
	wire.WriteJSON(w, status, map[string]any{
		"error":             errCode,
		"error_description": fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s", aadsts, desc, traceID, corrID, now.Format("2006-01-02 15:04:05Z")),
		"error_codes":       []int{aadsts},
		"timestamp":         now.Format("2006-01-02 15:04:05Z"),
		"trace_id":          traceID,
		"correlation_id":    corrID,
		"error_uri":         fmt.Sprintf("https://login.microsoftonline.com/error?code=%d", aadsts),
	})
}

func (d *Directory) serveToken(w http.ResponseWriter, r *http.Request, tenant string) {
	if r.Method != http.MethodPost {
		writeAADError(w, http.StatusMethodNotAllowed, "invalid_request", 900561, "The endpoint only accepts POST requests.")
		return
	}
	if !strings.EqualFold(tenant, d.tenantID) {
		writeAADError(w, http.StatusBadRequest, "invalid_request", 90002,
			fmt.Sprintf("Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", tenant))
		return
	}
	if err := r.ParseForm(); err != nil {
		writeAADError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.")
		return
	}
	form := r.PostForm
	if gt := form.Get("grant_type"); gt != "client_credentials" {
		if gt == "" {
			writeAADError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.")
		} else {
			writeAADError(w, http.StatusBadRequest, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"+gt+"'.")
		}
		return
	}
	clientID := form.Get("client_id")
	if clientID == "" {
		if u, _, ok := r.BasicAuth(); ok {
			clientID = u
		}
	}
	client := d.findClient(clientID)
	if client == nil {
		writeAADError(w, http.StatusUnauthorized, "invalid_client", 700016,
			fmt.Sprintf("Application with identifier '%s' was not found in the directory '%s'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.", clientID, d.tenantID))
		return
	}
	if status, code, aadsts, desc := d.authenticateClient(r, client); status != 0 {
		writeAADError(w, status, code, aadsts, desc)
		return
	}
	scope := strings.TrimSpace(form.Get("scope"))
	aud, ok := audienceFromScope(scope)
	if !ok {
		writeAADError(w, http.StatusBadRequest, "invalid_scope", 1002012,
			fmt.Sprintf("The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", scope))
		return
	}
	tok, err := d.mint(client, aud)
	if err != nil {
		writeAADError(w, http.StatusInternalServerError, "server_error", 50000, "There was an error issuing a token.")
		return
	}
	d.remember(tok)
	wire.WriteJSON(w, http.StatusOK, map[string]any{
		"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": tok,
	})
}

// audienceFromScope maps "<resource>/.default" to the token audience, keeping a trailing slash of the resource.
func audienceFromScope(scope string) (string, bool) {
	for _, sc := range strings.Fields(scope) {
		if strings.HasSuffix(sc, "/.default") {
			aud := strings.TrimSuffix(sc, "/.default")
			if aud != "" {
				return aud, true
			}
		}
	}
	return "", false
}

func (d *Directory) findClient(id string) *Client {
	for i := range d.clients {
		if id != "" && strings.EqualFold(d.clients[i].ClientID, id) {
			return &d.clients[i]
		}
	}
	return nil
}

// authenticateClient checks a client secret or a client assertion; status 0 means success.
func (d *Directory) authenticateClient(r *http.Request, c *Client) (int, string, int, string) {
	form := r.PostForm
	secret := form.Get("client_secret")
	if secret == "" {
		if _, p, ok := r.BasicAuth(); ok {
			secret = p
		}
	}
	assertion := form.Get("client_assertion")
	switch {
	case secret != "":
		if c.ClientSecret == "" || secret != c.ClientSecret {
			return http.StatusUnauthorized, "invalid_client", 7000215,
				fmt.Sprintf("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", c.ClientID)
		}
		return 0, "", 0, ""
	case assertion != "":
		if form.Get("client_assertion_type") != jwtBearerAssertType {
			return http.StatusBadRequest, "invalid_request", 50027, "Invalid JWT token. The client_assertion_type must be '" + jwtBearerAssertType + "'."
		}
		if err := d.verifyAssertion(assertion, c); err != nil {
			return http.StatusUnauthorized, "invalid_client", 700027, "Client assertion failed signature validation or is invalid: " + err.Error()
		}
		return 0, "", 0, ""
	}
	return http.StatusUnauthorized, "invalid_client", 7000218,
		"The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
}

// verifyAssertion checks a client assertion: against the client's certificate when it has one,
// otherwise (the OIDC/federated stand-in) only that it is a well-formed, unexpired JWT naming the client.
func (d *Directory) verifyAssertion(assertion string, c *Client) error {
	now := d.now()
	claims := jwt.MapClaims{}
	var err error
	if c.CertificatePEM != "" {
		block, _ := pem.Decode([]byte(c.CertificatePEM))
		if block == nil {
			return errors.New("the registered certificate is not PEM")
		}
		cert, perr := x509.ParseCertificate(block.Bytes)
		if perr != nil {
			return perr
		}
		_, err = jwt.ParseWithClaims(assertion, claims, func(*jwt.Token) (any, error) { return cert.PublicKey, nil },
			jwt.WithTimeFunc(func() time.Time { return now }), jwt.WithLeeway(5*time.Minute), jwt.WithExpirationRequired())
	} else {
		_, _, err = jwt.NewParser().ParseUnverified(assertion, claims)
		if err == nil {
			exp, _ := claims.GetExpirationTime()
			if exp == nil || exp.Before(now.Add(-5*time.Minute)) {
				err = errors.New("the assertion is expired or has no exp claim")
			}
		}
	}
	if err != nil {
		return err
	}
	sub, _ := claims.GetSubject()
	iss, _ := claims.GetIssuer()
	if !strings.EqualFold(sub, c.ClientID) && !strings.EqualFold(iss, c.ClientID) {
		return fmt.Errorf("neither sub nor iss equals the client ID '%s'", c.ClientID)
	}
	return nil
}

func (d *Directory) issuer() string { return d.url + "/" + d.tenantID + "/v2.0" }

// mint issues an ES256 access token for a client on the emulator clock.
func (d *Directory) mint(c *Client, aud string) (string, error) {
	now := d.now()
	claims := jwt.MapClaims{
		"aud": aud, "iss": d.issuer(), "tid": d.tenantID, "oid": c.ObjectID, "appid": c.ClientID,
		"azp": c.ClientID, "sub": c.ObjectID, "idtyp": "app", "ver": "2.0", "uti": wire.RandomHex(8),
		"iat": now.Unix(), "nbf": now.Add(-5 * time.Minute).Unix(), "exp": now.Add(tokenLifetime).Unix(),
		generationClaim: d.generationOf(c.ClientID),
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodES256, claims)
	tok.Header["kid"] = d.keyID
	return tok.SignedString(d.signKey)
}

// Token mints a valid token for the first client (tests use it to call ARM directly).
func (d *Directory) Token(audience string) (string, error) {
	if len(d.clients) == 0 {
		return "", errors.New("the seed has no clients")
	}
	return d.mint(&d.clients[0], audience)
}

// TokenFor mints a valid token of audience for the seeded client clientID ("" = the first one), as its token request
// would: the control API's way to act as another client, or for another audience, without a credential flow.
func (d *Directory) TokenFor(clientID, audience string) (string, error) {
	if clientID == "" {
		return d.Token(audience)
	}
	c := d.findClient(clientID)
	if c == nil {
		return "", fmt.Errorf("no seeded client %q", clientID)
	}
	if strings.TrimSpace(audience) == "" {
		return "", errors.New("an audience is required")
	}
	return d.mint(c, audience)
}
