package specvalidate

import (
	"net/http"
	"strings"
)

// Kind is the kind of constraint a request broke.
type Kind string

// The constraint kinds. For a path or query parameter, Violation.Kind is KindPathParameter or KindQueryParameter and
// Violation.Rule says which of the others failed.
const (
	KindSyntax         Kind = "syntax" // the body is not JSON
	KindType           Kind = "type"   // wrong JSON type (a string for a boolean, a fraction for an integer, ...)
	KindFormat         Kind = "format" // int32/int64 range, date-time, uuid
	KindRequired       Kind = "required"
	KindEnum           Kind = "enum" // a value outside a non-extensible enum (x-ms-enum.modelAsString false)
	KindPattern        Kind = "pattern"
	KindMinLength      Kind = "minLength"
	KindMaxLength      Kind = "maxLength"
	KindMinimum        Kind = "minimum"
	KindMaximum        Kind = "maximum"
	KindMinItems       Kind = "minItems"
	KindMaxItems       Kind = "maxItems"
	KindAdditional     Kind = "additionalProperties" // a property the schema forbids (additionalProperties: false)
	KindDiscriminator  Kind = "discriminator"        // a polymorphic object's discriminator names no known type
	KindMutability     Kind = "mutability"           // a create-only property changed (CreateOnlyChanges)
	KindPathParameter  Kind = "path-parameter"
	KindQueryParameter Kind = "query-parameter"
)

// Location says where in the request a violation is.
type Location string

// Where a violation is.
const (
	InPath  Location = "path"
	InQuery Location = "query"
	InBody  Location = "body"
)

// Violation is one way a request breaks the specification.
type Violation struct {
	In   Location
	Path string // body: JSON path ("properties.disableLocalAuth", "tags['a.b']", "" for the body itself); parameters: the name
	Kind Kind
	// Rule is the rule that failed: the same as Kind for the body; for a parameter, KindPattern, KindMinLength, ...
	Rule    Kind
	Value   string // the offending value, rendered as JSON and shortened (for logs)
	Message string // ARM-style message (see Code for the code ARM pairs it with)
}

func (v Violation) Error() string { return v.Code() + ": " + v.Message }

// ARM error codes the validator uses. Those with public evidence of Azure answering them are documented in
// README.md; the others are the validator's own choice.
const (
	CodeInvalidSubscriptionID    = "InvalidSubscriptionId"
	CodeInvalidResourceGroup     = "InvalidResourceGroup"
	CodeInvalidAccountName       = "InvalidAccountName"
	CodeInvalidResourceName      = "InvalidResourceName"
	CodeInvalidRequestContent    = "InvalidRequestContent"
	CodeBadRequest               = "BadRequest"
	CodeInvalidParameter         = "InvalidParameter"
	CodePropertyChangeNotAllowed = "PropertyChangeNotAllowed"
	CodeInvalidResourceLocation  = "InvalidResourceLocation"
)

// Code is the ARM error code for the violation:
//   - a path parameter: InvalidSubscriptionId (subscriptionId), InvalidResourceGroup (resourceGroupName),
//     InvalidAccountName (accountName), InvalidParameter (location) and InvalidResourceName for every other name;
//   - a query parameter: InvalidParameter;
//   - a body that cannot be read into the declared types (syntax, type, format, discriminator):
//     InvalidRequestContent;
//   - a create-only property changed: PropertyChangeNotAllowed, InvalidResourceLocation for location;
//   - any other body constraint (required, enum, pattern, lengths, bounds, item counts): BadRequest.
func (v Violation) Code() string {
	switch v.Kind {
	case KindPathParameter:
		switch v.Path {
		case "subscriptionId":
			return CodeInvalidSubscriptionID
		case "resourceGroupName":
			return CodeInvalidResourceGroup
		case "accountName":
			return CodeInvalidAccountName
		case "location":
			return CodeInvalidParameter
		}
		return CodeInvalidResourceName
	case KindQueryParameter:
		return CodeInvalidParameter
	case KindSyntax, KindType, KindFormat, KindDiscriminator:
		return CodeInvalidRequestContent
	case KindMutability:
		if strings.EqualFold(v.Path, "location") {
			return CodeInvalidResourceLocation
		}
		return CodePropertyChangeNotAllowed
	}
	return CodeBadRequest
}

// Status is the HTTP status ARM answers a violation with: always 400 Bad Request.
func (v Violation) Status() int { return http.StatusBadRequest }

// ErrorDetail is ARM's error object ({"error": ErrorDetail} is the envelope).
type ErrorDetail struct {
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Target  string        `json:"target,omitempty"`
	Details []ErrorDetail `json:"details,omitempty"`
}

// phase orders violations as ARM meets them: the URL first (ARM itself, then the resource provider's names), then
// reading the body into its types, then the body's constraints, then the comparison with the stored resource.
func (v Violation) phase() int {
	switch v.Kind {
	case KindPathParameter:
		switch v.Path {
		case "subscriptionId":
			return 0
		case "resourceGroupName":
			return 1
		}
		return 2
	case KindQueryParameter:
		return 3
	case KindSyntax, KindType, KindFormat, KindDiscriminator:
		return 4
	case KindMutability:
		return 6
	}
	return 5
}

// ErrorFor builds the ARM error for a list of violations, or nil when there are none. Only the violations of the
// earliest phase are reported (a bad name in the URL stops ARM before the body is read; a body that cannot be
// deserialised stops the service before its validation): the first is the top-level error, and when there are
// several of that phase all of them are listed in details. Targets are the parameter name or the body's JSON path.
func ErrorFor(vs []Violation) *ErrorDetail {
	if len(vs) == 0 {
		return nil
	}
	first := 7
	for _, v := range vs {
		if p := v.phase(); p < first {
			first = p
		}
	}
	var same []Violation
	for _, v := range vs {
		if v.phase() == first {
			same = append(same, v)
		}
	}
	top := ErrorDetail{Code: same[0].Code(), Message: same[0].Message, Target: same[0].Path}
	if len(same) > 1 {
		for _, v := range same {
			top.Details = append(top.Details, ErrorDetail{Code: v.Code(), Message: v.Message, Target: v.Path})
		}
	}
	return &top
}
