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

// IsConflict reports whether err is a 409 Conflict.
func IsConflict(err error) bool {
	return StatusCode(err) == http.StatusConflict
}

// IsPreconditionFailed reports whether err is a 412 Precondition Failed (an If-Match did not match).
func IsPreconditionFailed(err error) bool {
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
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	OData *struct {
		Code    string `json:"code"`
		Message struct {
			Value string `json:"value"`
		} `json:"message"`
	} `json:"odata.error"`
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
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
	switch {
	case env.Error != nil:
		return errorBody{code: env.Error.Code, message: env.Error.Message}
	case env.OData != nil:
		return errorBody{code: env.OData.Code, message: env.OData.Message.Value}
	}
	var code string
	_ = json.Unmarshal(env.Code, &code) // the gateway's top-level code, when present, may be a number
	return errorBody{code: code, message: env.Message}
}
