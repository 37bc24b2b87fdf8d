package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/cognitive"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/specvalidate"
)

// implicitCapabilityHostSuffix names the account capability host the platform creates for network injection
// (`<account>@aml_aiagentservice`): the specification's capabilityHostName pattern does not admit it, yet the service
// serves it (arm-foundry §3), so the check lets that one name through; the capability host rules decide what may be
// done with it.
const implicitCapabilityHostSuffix = "@aml_aiagentservice"

// specificationCheck is the write pipeline's Validator (cognitive.Config.Validate): every request routed to
// Microsoft.CognitiveServices is checked against the 2026-09-01 specification carried in internal/armspec, in the
// order of specvalidate's doc: the path parameters and the query, then the body (JSON types, required properties,
// closed enums, patterns, lengths, bounds), a 400 with ARM's envelope and nothing stored when one breaks; then the
// read-only properties are removed (ARM ignores them) and, when the resource exists, a create-only property that a
// PUT or PATCH changes is refused. The emulator's own monitors (operationResults, operationStatuses) are routes
// without an operation in the specification and pass unchecked.
func specificationCheck(v *specvalidate.Validator) cognitive.Validator {
	ops := map[string]*specvalidate.Operation{}
	for _, op := range v.Operations() {
		ops[op.Method+" "+op.Path] = op
	}
	return func(req cognitive.Operation) ([]byte, *arm.Error) {
		op := ops[req.Method+" "+req.Template]
		if op == nil {
			return nil, nil
		}
		vs := op.ValidateParams(req.Params, req.Query)
		vs = dropImplicitCapabilityHost(vs, req.Params)
		if !op.HasBody() {
			return nil, armError(specvalidate.ErrorFor(vs))
		}
		raw, e := req.Body()
		if e != nil {
			return nil, e
		}
		vs = append(vs, op.ValidateBody(raw)...)
		if e := armError(specvalidate.ErrorFor(vs)); e != nil {
			return nil, e
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			return nil, nil
		}
		body, err := specvalidate.Decode(raw)
		if err != nil { // unreachable: ValidateBody reported a body that does not decode
			return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The request content was invalid and could not be deserialized: '%v'.", err)
		}
		body = op.StripReadOnly(body)
		if req.Stored != nil && (req.Method == http.MethodPut || req.Method == http.MethodPatch) {
			if e := armError(specvalidate.ErrorFor(op.CreateOnlyChanges(req.Stored, body))); e != nil {
				return nil, e
			}
		}
		out, err := json.Marshal(body)
		if err != nil {
			return nil, arm.Errorf(http.StatusInternalServerError, "InternalServerError", "The request body could not be re-encoded: %v", err)
		}
		return out, nil
	}
}

// dropImplicitCapabilityHost lets the platform's `<account>@aml_aiagentservice` through the capabilityHostName rule.
func dropImplicitCapabilityHost(vs []specvalidate.Violation, params map[string]string) []specvalidate.Violation {
	name, ok := params["capabilityHostName"]
	if !ok || !strings.EqualFold(name, params["accountName"]+implicitCapabilityHostSuffix) {
		return vs
	}
	out := vs[:0]
	for _, v := range vs {
		if v.In != specvalidate.InPath || v.Path != "capabilityHostName" {
			out = append(out, v)
		}
	}
	return out
}

// armError is ARM's error for the violations of the earliest phase (specvalidate.ErrorFor), nil for none.
func armError(d *specvalidate.ErrorDetail) *arm.Error {
	if d == nil {
		return nil
	}
	e := &arm.Error{Status: http.StatusBadRequest, Code: d.Code, Message: d.Message, Target: d.Target}
	for _, x := range d.Details {
		e.Details = append(e.Details, *armError(&x))
	}
	return e
}
