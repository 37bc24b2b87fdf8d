package client

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Every failure from the service is the unchanged *azcore.ResponseError. A failed long-running operation is one too:
// for the Location pattern it wraps the final poll (e.g. 400 + ARM envelope), for Azure-AsyncOperation the status
// body ({"status":"Failed","error":{...}}, HTTP 200); in both cases ErrorCode and ErrorMessage read the ARM error.

// IsNotFound reports whether err is a 404: the resource, its parent or its resource group does not exist.
func IsNotFound(err error) bool {
	return StatusCode(err) == http.StatusNotFound
}

// IsBadRequest reports whether err is a 400 Bad Request: the service refused the request as it is (e.g. listKeys on an
// account without local authentication).
func IsBadRequest(err error) bool {
	return StatusCode(err) == http.StatusBadRequest
}

// IsConflict reports whether err is a 409 Conflict.
func IsConflict(err error) bool {
	return StatusCode(err) == http.StatusConflict
}

// isPreconditionFailed reports whether err is a 412 Precondition Failed (an If-Match did not match).
func isPreconditionFailed(err error) bool {
	return StatusCode(err) == http.StatusPreconditionFailed
}

// StatusCode returns the HTTP status of the response behind err, or 0 when err does not come from a response.
func StatusCode(err error) int {
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		return re.StatusCode
	}
	return 0
}

// ErrorCode returns the service's error code (x-ms-error-code, else error.code of the body), or "" if there is none.
func ErrorCode(err error) string {
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return ""
	}
	if re.ErrorCode != "" {
		return re.ErrorCode
	}
	return parseErrorBody(re).code
}

// ErrorMessage returns the human-readable message of the error body: the ARM or OpenAI-style envelope's
// error.message, or the gateway's top-level message; "" if there is none.
func ErrorMessage(err error) string {
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		return ""
	}
	return parseErrorBody(re).message
}

type errorBody struct {
	code, message string
}

// errorEnvelope covers the shapes seen from ARM ({"error":{...}}), Azure.Core and OpenAI-style routes (the same,
// plus type/param), OData ({"odata.error":{"message":{"value":...}}}) and the data-plane gateway
// ({"statusCode":401,"message":"..."}).
type errorEnvelope struct {
	Error   json.RawMessage `json:"error"`
	OData   json.RawMessage `json:"odata.error"`
	Code    json.RawMessage `json:"code"`
	Message json.RawMessage `json:"message"`
}

type errorDetail struct {
	Code    string          `json:"code"`
	Message json.RawMessage `json:"message"`
}

func parseErrorBody(re *azcore.ResponseError) errorBody {
	if re.RawResponse == nil {
		return errorBody{}
	}
	payload, err := runtime.Payload(re.RawResponse)
	if err != nil || len(payload) == 0 {
		return errorBody{}
	}
	var env errorEnvelope
	if json.Unmarshal(payload, &env) != nil {
		return errorBody{}
	}
	for _, raw := range []json.RawMessage{env.Error, env.OData} {
		var d errorDetail
		if len(raw) > 0 && json.Unmarshal(raw, &d) == nil {
			return errorBody{code: d.Code, message: text(d.Message)}
		}
	}
	return errorBody{code: text(env.Code), message: text(env.Message)}
}

// text reads a JSON string, or OData's {"value": "..."}; anything else (e.g. the gateway's numeric code) is "".
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var v struct {
		Value string `json:"value"`
	}
	if json.Unmarshal(raw, &v) == nil {
		return v.Value
	}
	return ""
}
