// Package armspec carries the Microsoft.CognitiveServices 2026-09-01 OpenAPI specification and the x-ms-examples
// this repository tests against, so that nothing reads outside the repository (see README.md for their source).
package armspec

import (
	"embed"
	"io/fs"
)

// APIVersion is the version of the specification held here.
const APIVersion = "2026-09-01"

//go:embed 2026-09-01/cognitiveservices.json 2026-09-01/examples
var files embed.FS

// Spec returns the OpenAPI 2.0 document (cognitiveservices.json).
func Spec() []byte {
	b, err := files.ReadFile(APIVersion + "/cognitiveservices.json")
	if err != nil {
		panic("armspec: the embedded specification is missing: " + err.Error()) // cannot happen: embedded at build time
	}
	return b
}

// Examples returns the x-ms-examples as a file system rooted at the examples folder ("CreateProject.json",
// "AccountConnection/PutAccountConnection.json", ...), the paths the specification's $ref values use after
// "./examples/".
func Examples() fs.FS {
	sub, err := fs.Sub(files, APIVersion+"/examples")
	if err != nil {
		panic("armspec: the embedded examples are missing: " + err.Error()) // cannot happen: embedded at build time
	}
	return sub
}
