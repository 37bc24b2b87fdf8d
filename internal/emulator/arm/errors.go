package arm

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Error is an ARM error envelope with its HTTP status. Target and Details are optional (the envelope's "target" and
// "details": the specification check lists every violation of one kind there).
type Error struct {
	Status  int
	Code    string
	Message string
	Target  string
	Details []Error
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// Errorf builds an Error with a formatted message.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Codes of the front door and of rules every resource provider shares. Each provider keeps the codes of its own
// rules in one table of its own (reviewed against Learn and observed responses).
const (
	CodeMissingAPIVersion     = "MissingApiVersionParameter"
	CodeNoRegisteredProvider  = "NoRegisteredProviderFound"
	CodeInvalidRequestContent = "InvalidRequestContent"
	CodeSubscriptionNotFound  = "SubscriptionNotFound"
	CodeResourceGroupNotFound = "ResourceGroupNotFound"
	CodeParentNotFound        = "ParentResourceNotFound"
	CodeResourceNotFound      = "ResourceNotFound"
	CodePreconditionFailed    = "PreconditionFailed"
	CodeRequestConflict       = "RequestConflict"
	CodeBadRequest            = "BadRequest"
	CodeOperationNotFound     = "OperationNotFound"
	CodeInvalidResourceType   = "InvalidResourceType"
	CodeMethodNotAllowed      = "MethodNotAllowed"
)

// WriteError answers with the ARM error envelope, x-ms-error-code and x-ms-failurecause.
func WriteError(w http.ResponseWriter, e *Error) {
	w.Header().Set("x-ms-error-code", e.Code)
	if e.Status == http.StatusTooManyRequests || e.Status >= 500 {
		w.Header().Set("x-ms-failurecause", "service")
	} else {
		w.Header().Set("x-ms-failurecause", "client")
	}
	wire.WriteJSON(w, e.Status, map[string]any{"error": e.body()})
}

// body is the envelope's error object.
func (e *Error) body() map[string]any {
	out := map[string]any{"code": e.Code, "message": e.Message}
	if e.Target != "" {
		out["target"] = e.Target
	}
	if len(e.Details) > 0 {
		details := make([]map[string]any, len(e.Details))
		for i := range e.Details {
			details[i] = e.Details[i].body()
		}
		out["details"] = details
	}
	return out
}

// WriteAuthError answers 401 the way ARM does, with a WWW-Authenticate challenge naming the tenant's authority.
func WriteAuthError(w http.ResponseWriter, te *entra.TokenError, authorizationURI string) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer authorization_uri="%s", error="invalid_token", error_description="%s"`,
		authorizationURI, strings.ReplaceAll(te.Message, `"`, "'")))
	WriteError(w, &Error{Status: http.StatusUnauthorized, Code: te.Code, Message: te.Message})
}

// NotFound is ARM's 404 for a resource of a type in a resource group.
func NotFound(typ, name, rg string) *Error {
	return Errorf(http.StatusNotFound, CodeResourceNotFound,
		"The Resource '%s/%s' under resource group '%s' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix", typ, name, rg)
}

// ParentNotFound is ARM's 404 for a nested resource whose parent does not exist.
func ParentNotFound(parent string) *Error {
	return Errorf(http.StatusNotFound, CodeParentNotFound,
		"Can not perform requested operation on nested resource. Parent resource '%s' not found.", parent)
}

// MethodNotAllowed is the 405 for a method a resource does not support.
func MethodNotAllowed(m string) *Error {
	return Errorf(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "The HTTP method '%s' is not supported for this resource.", m)
}

// ResourceGroupNotFound is ARM's 404 for a resource group that does not exist.
func ResourceGroupNotFound(name string) *Error {
	return Errorf(http.StatusNotFound, CodeResourceGroupNotFound, "Resource group '%s' could not be found.", name)
}

// NoRegisteredProvider is ARM's 400 for an api-version the resource provider does not register for a type.
func NoRegisteredProvider(location, version, typ string, versions []string) *Error {
	if location == "" {
		location = "global"
	}
	return Errorf(http.StatusBadRequest, CodeNoRegisteredProvider,
		"No registered resource provider found for location '%s' and API version '%s' for type '%s'. The supported api-versions are '%s'. The supported locations are '%s'.",
		location, version, typ, strings.Join(versions, ", "), strings.Join(RegionNames(), ", "))
}
