package client

import (
	"fmt"
	"strings"
)

// ProjectGUID formats a project's internal ID (32 hex digits, as ARM returns it) as a GUID (8-4-4-4-12), the form
// Cosmos DB scopes and the agent service's storage ABAC conditions use. A GUID-formatted input is accepted too.
func ProjectGUID(internalID string) (string, error) {
	h := strings.ToLower(strings.ReplaceAll(internalID, "-", ""))
	if len(h) != 32 || strings.Trim(h, "0123456789abcdef") != "" {
		return "", fmt.Errorf("%q is not a project internal ID: expected 32 hexadecimal digits, e.g. 0123456789abcdef0123456789abcdef", internalID)
	}
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32], nil
}
