package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/specvalidate"
)

// specClient sends requests that must be valid for the specification (each request is validated before it goes) and
// checks every answer against the operation's declared responses: a declared status, the declared headers of that
// status, a body only when one is declared, and no body property the operation's schema does not declare.
type specClient struct {
	*rawClient
	v *specvalidate.Validator
}

func newSpecClient(t *testing.T, srv *emulator.Server) *specClient {
	return &specClient{rawClient: newRaw(t, srv, armAud), v: specvalidate.Default()}
}

// call sends a request that the specification accepts and checks the answer's shape; schemaOp names the operation
// whose body schema describes the answer's body ("" = none to check).
func (c *specClient) call(method, path string, body any, schemaOp string) result {
	c.t.Helper()
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	op, vs := c.v.Validate(method, path, url.Values{"api-version": {apiVersion}}, raw)
	if op == nil {
		c.t.Fatalf("%s %s is not an operation of the specification", method, path)
	}
	if len(vs) > 0 {
		c.t.Fatalf("%s %s: the request itself breaks the specification: %v", method, path, vs)
	}
	res := c.do(method, path, body)
	c.conforms(op, res, schemaOp)
	return res
}

func (c *specClient) conforms(op *specvalidate.Operation, res result, schemaOp string) {
	c.t.Helper()
	if res.status >= 400 {
		if res.errCode() == "" {
			c.t.Fatalf("%s: error %d without the ARM envelope: %s", op.ID, res.status, res.raw)
		}
		return
	}
	resp, ok := op.Response(res.status)
	if !ok {
		c.t.Fatalf("%s: status %d is not declared (%v); body %s", op.ID, res.status, op.Responses, res.raw)
	}
	for _, h := range resp.Headers {
		if res.header.Get(h) == "" {
			c.t.Fatalf("%s: %d lacks the declared header %s", op.ID, res.status, h)
		}
	}
	if !resp.HasBody && len(strings.TrimSpace(string(res.raw))) > 0 {
		c.t.Fatalf("%s: %d declares no body but got %s", op.ID, res.status, res.raw)
	}
	if resp.HasBody && res.body == nil {
		c.t.Fatalf("%s: %d declares a body but got none", op.ID, res.status)
	}
	if schemaOp != "" && res.body != nil {
		c.shape(schemaOp, res.body)
	}
}

// shape checks a body (or each item of a list body) against the body schema of the operation schemaOp: no undeclared
// property, and the declared ones of the right types and enums.
func (c *specClient) shape(schemaOp string, body map[string]any) {
	c.t.Helper()
	op := c.v.Operation(schemaOp)
	items := []any{body}
	if v, ok := body["value"].([]any); ok {
		items = v
	}
	for _, it := range items {
		if u := op.UnknownProperties(it); len(u) > 0 {
			c.t.Fatalf("%s: properties the spec does not declare: %v in %v", schemaOp, u, it)
		}
		if vs := op.ValidateValue(it); len(vs) > 0 {
			c.t.Fatalf("%s: the answer breaks the schema: %v in %v", schemaOp, vs, it)
		}
	}
}

// poll follows an answer's Location until it stops answering 202, checking the monitor's answers against op.
func (c *specClient) poll(res result, opID string, schemaOp string) result {
	c.t.Helper()
	loc := res.header.Get("Location")
	if loc == "" || res.header.Get("Azure-AsyncOperation") != "" {
		c.t.Fatalf("%s: want a Location monitor only, got headers %v", opID, res.header)
	}
	op := c.v.Operation(opID)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		p := c.do(http.MethodGet, loc, nil)
		if p.status == http.StatusAccepted {
			if p.header.Get("Location") == "" || p.header.Get("Retry-After") == "" {
				c.t.Fatalf("%s: a running monitor must answer Location and Retry-After: %v", opID, p.header)
			}
			continue
		}
		if p.status < 400 {
			c.conforms(op, p, schemaOp)
		}
		return p
	}
	c.t.Fatal("operation did not finish")
	return result{}
}
