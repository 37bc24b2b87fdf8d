package emulator

// Audiences accepted by ARM and by the project data plane.
var (
	dataPlaneAudiences = []string{"https://ai.azure.com", "https://ai.azure.com/"}
)
