package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func responseError(status int, body string, headers ...string) error {
	req, _ := http.NewRequest(http.MethodGet, "https://example.test/x", nil)
	resp := reply(status, body, headers...)(req)
	return runtime.NewResponseError(resp)
}

func TestErrorHelpers(t *testing.T) {
	for name, tc := range map[string]struct {
		err                              error
		notFound, conflict, precondition bool
		status                           int
		code, message                    string
	}{
		"ARM envelope": {
			err:      responseError(404, `{"error":{"code":"ResourceNotFound","message":"The Resource was not found.","details":[]}}`),
			notFound: true, status: 404, code: "ResourceNotFound", message: "The Resource was not found.",
		},
		"resource group gone": {
			err:      responseError(404, `{"error":{"code":"ResourceGroupNotFound","message":"Resource group 'rg' could not be found."}}`),
			notFound: true, status: 404, code: "ResourceGroupNotFound", message: "Resource group 'rg' could not be found.",
		},
		"x-ms-error-code wins": {
			err:      responseError(409, `{"error":{"code":"Other","message":"busy"}}`, "x-ms-error-code", "RequestConflict"),
			conflict: true, status: 409, code: "RequestConflict", message: "busy",
		},
		"precondition": {
			err:          responseError(412, ``),
			precondition: true, status: 412,
		},
		"gateway 401": {
			err:    responseError(401, `{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired."}`),
			status: 401, message: "Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired.",
		},
		"OpenAI style": {
			err:      responseError(409, `{"error":{"code":"conflict","message":"The resource already exists or was modified concurrently. Please retry.","type":"ServiceError","param":""}}`),
			conflict: true, status: 409, code: "conflict", message: "The resource already exists or was modified concurrently. Please retry.",
		},
		"permission denied 401": {
			err:    responseError(401, `{"error":{"code":"PermissionDenied","message":"The principal lacks the required data action."}}`),
			status: 401, code: "PermissionDenied", message: "The principal lacks the required data action.",
		},
		"OData": {
			err:    responseError(400, `{"odata.error":{"code":"BadThing","message":{"lang":"en","value":"bad thing"}}}`),
			status: 400, code: "BadThing", message: "bad thing",
		},
		"non-JSON body": {
			err:    responseError(502, `<html>Bad Gateway</html>`),
			status: 502,
		},
		"wrapped": {
			err:      fmt.Errorf("reading: %w", responseError(404, `{"error":{"code":"NotFound","message":"m"}}`)),
			notFound: true, status: 404, code: "NotFound", message: "m",
		},
		"listKeys without local auth": {
			err:    responseError(400, `{"error":{"code":"BadRequest","message":"Failed to list key. disableLocalAuth is set to be true"}}`),
			status: 400, code: "BadRequest", message: "Failed to list key. disableLocalAuth is set to be true",
		},
		"string error field": {
			err:    responseError(400, `{"error":"invalid_request","message":"top-level"}`),
			status: 400, message: "top-level",
		},
		"not a response error": {err: errors.New("dial tcp: refused")},
		"nil":                  {},
	} {
		t.Run(name, func(t *testing.T) {
			if got := client.IsNotFound(tc.err); got != tc.notFound {
				t.Errorf("IsNotFound = %v", got)
			}
			if got := client.IsConflict(tc.err); got != tc.conflict {
				t.Errorf("IsConflict = %v", got)
			}
			if got := client.IsBadRequest(tc.err); got != (tc.status == 400) {
				t.Errorf("IsBadRequest = %v", got)
			}
			if got := client.IsPreconditionFailed(tc.err); got != tc.precondition {
				t.Errorf("IsPreconditionFailed = %v", got)
			}
			if got := client.StatusCode(tc.err); got != tc.status {
				t.Errorf("StatusCode = %d", got)
			}
			if got := client.ErrorCode(tc.err); got != tc.code {
				t.Errorf("ErrorCode = %q", got)
			}
			if got := client.ErrorMessage(tc.err); got != tc.message {
				t.Errorf("ErrorMessage = %q", got)
			}
		})
	}
}

func TestErrorMessage_bodyStillReadable(t *testing.T) {
	err := responseError(400, `{"error":{"code":"BadRequest","message":"first"}}`)
	_ = client.ErrorMessage(err)
	var re interface{ Error() string }
	if errors.As(err, &re) && !strings.Contains(re.Error(), "first") {
		t.Errorf("azcore's error text lost the body: %s", re.Error())
	}
}
