package emulator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
)

// Audiences accepted by ARM and by the project data plane.
var (
	armAudiences       = []string{"https://management.core.windows.net/", "https://management.azure.com/", "https://management.azure.com", "https://management.core.windows.net"}
	dataPlaneAudiences = []string{"https://ai.azure.com", "https://ai.azure.com/"}
)

// writeARMAuthError answers 401 the way ARM does, with a WWW-Authenticate challenge.
func (s *Server) writeARMAuthError(w http.ResponseWriter, te *entra.TokenError) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(
		`Bearer authorization_uri="%s/%s", error="invalid_token", error_description="%s"`,
		s.url, s.seed.TenantID, strings.ReplaceAll(te.Message, `"`, "'")))
	writeError(w, &armError{status: http.StatusUnauthorized, code: te.Code, message: te.Message})
}
