// Package diagnostics holds the generic constructors of every user-facing diagnostic the provider emits: the
// operation, the object and its ARM ID, the ARM error code and message, and hints that say what to do. It knows no
// service: each service passes its own hints.
package diagnostics

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// Operation is what the provider was doing when an API call failed.
type Operation string

// Operations named in summaries ("Unable to create account") and details ("Creating account ... failed").
const (
	Creating   Operation = "create"
	Reading    Operation = "read"
	Updating   Operation = "update"
	Deleting   Operation = "delete"
	Purging    Operation = "purge"
	Recovering Operation = "recover"
	Checking   Operation = "check"
)

var gerund = map[Operation]string{
	Creating: "Creating", Reading: "Reading", Updating: "Updating", Deleting: "Deleting",
	Purging: "Purging", Recovering: "Recovering", Checking: "Checking",
}

// Hints say what the user can do about a failed call; a service passes its own to the constructors below.
type Hints interface {
	// Hint is the advice for err, or "" when there is none.
	Hint(err error) string
}

// Codes are hints by ARM error code.
type Codes map[string]string

// Hint returns the hint for err's ARM error code.
func (c Codes) Hint(err error) string { return c[client.ErrorCode(err)] }

// HintFunc is a hint computed from the error, for advice that does not follow from the code alone (a 409 whose code
// is the generic Conflict, a 401 without a code).
type HintFunc func(err error) string

// Hint calls f.
func (f HintFunc) Hint(err error) string { return f(err) }

// Conflict is a hint for a 409 other than RequestConflict (an account busy with another write, which the client
// retries): the object, or its name, is taken.
func Conflict(hint string) Hints {
	return HintFunc(func(err error) string {
		if client.IsConflict(err) && client.ErrorCode(err) != "RequestConflict" {
			return hint
		}
		return ""
	})
}

// armHints are the hints for codes any ARM call can return, whatever the service: authentication, authorization,
// subscription, resource group and the account-wide write conflict.
var armHints = Codes{
	"RequestConflict": "Another operation is running on the same Foundry account and did not finish within the retry window. Apply again, " +
		"or raise the resource's timeouts.",
	"InvalidAuthenticationTokenAudience": "The token was issued for the wrong audience. Check endpoints.resource_manager_audience (ARM_RESOURCE_MANAGER_AUDIENCE): " +
		"it must be the Azure Resource Manager audience of your cloud.",
	"AuthorizationFailed": "The signed-in principal lacks permission for this operation. Grant it a role with this action on the scope named in the message.",
	"MissingSubscriptionRegistration": "Register the Microsoft.CognitiveServices resource provider on the subscription (az provider register -n Microsoft.CognitiveServices), " +
		"or remove skip_provider_registration.",
	"ResourceGroupNotFound": "Create the resource group first, or correct resource_group_name.",
	"SubscriptionNotFound":  "Check subscription_id (ARM_SUBSCRIPTION_ID).",
}

// APIError reports a failed operation: what was attempted on which ARM ID, the ARM code and message, and what to do
// (the hints for codes any ARM call returns, then the caller's hints).
func APIError(op Operation, object, id string, err error, hints ...Hints) diag.Diagnostic {
	return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s %s", op, object), apiDetail(op, object, id, err, hints))
}

// AttributeAPIError is APIError attached to the attribute the failure concerns.
func AttributeAPIError(p path.Path, op Operation, object, id string, err error, hints ...Hints) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, at(p, fmt.Sprintf("Unable to %s %s", op, object)), apiDetail(op, object, id, err, hints))
}

// at names a nested attribute's full path in a summary: "Model not offered (model.name)". Terraform 1.8 places a
// diagnostic inside nested blocks, but for an attribute of a nested attribute object (model.name, sku.capacity,
// network_acls.ip_rules) it points at the resource or at an unrelated line, so the summary says where to look. Set
// elements are left out of the path: they print as their whole value.
func at(p path.Path, summary string) string {
	steps := p.Steps()
	if len(steps) < 2 {
		return summary
	}
	var b strings.Builder
	for _, s := range steps {
		switch s := s.(type) {
		case path.PathStepAttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case path.PathStepElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case path.PathStepElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		}
	}
	if !strings.Contains(b.String(), ".") {
		return summary
	}
	return summary + " (" + b.String() + ")"
}

func apiDetail(op Operation, object, id string, err error, hints []Hints) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %q failed: ", gerund[op], object, id)
	code, msg := client.ErrorCode(err), client.ErrorMessage(err)
	switch {
	case code != "" && msg != "":
		fmt.Fprintf(&b, "%s: %s", code, msg)
	case code != "":
		fmt.Fprintf(&b, "%s (HTTP %d)", code, client.StatusCode(err))
	case msg != "":
		fmt.Fprintf(&b, "HTTP %d: %s", client.StatusCode(err), msg)
	default:
		b.WriteString(err.Error())
	}
	var ce *client.CredentialError
	if errors.As(err, &ce) && ce.Advice != "" {
		b.WriteString("\n\n" + ce.Advice)
	}
	for _, h := range append([]Hints{armHints}, hints...) {
		if text := h.Hint(err); text != "" {
			b.WriteString("\n\n" + text)
		}
	}
	return b.String()
}

// Warning reports something the user should know that does not stop the run.
func Warning(summary, detail string) diag.Diagnostic {
	return diag.NewWarningDiagnostic(summary, detail)
}

// AttributeWarning warns about one attribute's value (e.g. a deprecated name) and says what to use instead.
func AttributeWarning(p path.Path, summary, detail string) diag.Diagnostic {
	return diag.NewAttributeWarningDiagnostic(p, at(p, summary), detail)
}

// CheckSkipped reports a plan-time check that could not run because reading object id failed. A transient or
// unexpected failure only warns (apply checks again); an authentication or authorization failure is an error, because
// a plan that cannot sign in, or may not read, would only fail at apply.
func CheckSkipped(what, object, id string, err error) diag.Diagnostic {
	switch client.Classify(err) {
	case client.Authentication:
		return diag.NewErrorDiagnostic("Unable to authenticate to Azure",
			apiDetail(Reading, object, id, err, nil)+"\n\nThe plan stops here: without a token no check can run and every write would fail. "+
				"Check the credential settings named above.")
	case client.Authorization:
		return diag.NewErrorDiagnostic("Not authorized to check the "+what,
			apiDetail(Reading, object, id, err, nil)+"\n\nThe plan stops here: the same principal would be refused at apply.")
	}
	return diag.NewWarningDiagnostic("Could not check the "+what,
		apiDetail(Reading, object, id, err, nil)+"\n\nThe plan goes on without this check; Azure checks the same at apply.")
}

// InvalidProviderConfig reports a provider argument (or its environment variable) that cannot be used.
func InvalidProviderConfig(p path.Path, detail string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, "Invalid provider configuration", detail)
}

// MoveFailed reports a moved block whose source state cannot become the target resource.
func MoveFailed(object, sourceType, targetType, reason string) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unable to move "+object, fmt.Sprintf("Moving %s to %s failed: %s", sourceType, targetType, reason))
}

// ProviderSetup reports a failure to build the API client from a valid-looking configuration.
func ProviderSetup(detail string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unable to configure the foundry provider", fmt.Sprintf("%s: %s", detail, err))
}

// InvalidImportID reports an import ID that does not have the expected shape.
func InvalidImportID(got, expected string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Invalid import ID",
		fmt.Sprintf("Cannot import %q: %s.\n\nExpected an ARM ID of the form %s", got, err, expected))
}

// InvalidImportIdentity reports an import block's identity that leaves out the attribute attr, which the ID of the
// form expected needs.
func InvalidImportIdentity(attr, expected string) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Invalid import identity",
		fmt.Sprintf("The import block's identity has no %s, which the ID %s needs. Set %s in the identity, or import by id.", attr, expected, attr))
}

// InvalidAttribute reports a plan-time problem with one attribute and what to do about it; the summary names a
// nested attribute's full path.
func InvalidAttribute(p path.Path, summary, detail string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, at(p, summary), detail)
}

// Bug reports a state the provider should never reach.
func Bug(detail string) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unexpected provider state", detail+"\n\nThis is a bug in the provider; please report it.")
}
