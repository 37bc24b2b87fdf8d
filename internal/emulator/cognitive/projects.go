package cognitive

import (
	"net/http"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/dataplane"
)

var projectReadOnlyProps = []string{"endpoints", "isDefault", "internalId"}

// removeProject takes a deleted project out with its connections and capability hosts, and from its account's
// defaultProject.
func removeProject(s *Service, r *resource, _ time.Time) {
	delete(s.st.resources, lower(r.id))
	removeProjectConnections(s, r)     // connections.go
	removeProjectCapabilityHosts(s, r) // capabilityhosts.go
	if acc := s.st.resources[accountKey(r.sub, r.group, r.names[0])]; acc != nil {
		if dp, _ := acc.props()["defaultProject"].(string); strings.EqualFold(dp, r.name()) {
			delete(acc.props(), "defaultProject")
		}
	}
}

func prepareProject(c *call, w *write) *arm.Error {
	acc := w.parent
	if apm, _ := acc.props()["allowProjectManagement"].(bool); !apm || subdomainOf(acc) == "" {
		return arm.Errorf(http.StatusBadRequest, codeProjectMgmtDisabled,
			"Projects can only be created in account '%s' when 'allowProjectManagement' is true and a customSubDomainName is set.", acc.name())
	}
	props := propsOf(w.doc)
	for _, k := range projectReadOnlyProps {
		delete(props, k)
	}
	// Service quirk (Azure/azure-rest-api-specs#38422): displayName and description cannot be cleared;
	// a PUT or PATCH that omits them or sends "" or null keeps the previous value.
	if w.existing != nil {
		for _, k := range []string{"displayName", "description"} {
			if v, _ := props[k].(string); v == "" {
				if prev, _ := w.existing.props()[k].(string); prev != "" {
					props[k] = prev
				}
			}
		}
	}
	loc, e := prepareLocation(w.doc, armTypeProject)
	if e != nil {
		return e
	}
	if accLoc, _ := acc.doc["location"].(string); loc != accLoc {
		return arm.Errorf(http.StatusBadRequest, codeProjectLocation,
			"The project location '%s' must match the location '%s' of its parent account '%s'.", loc, accLoc, acc.name())
	}
	return prepareIdentity(w.doc)
}

func decorateProject(s *Service, r *resource, out map[string]any) {
	props := propsOf(out)
	acc := s.st.resources[accountKey(r.sub, r.group, r.names[0])]
	if acc != nil {
		sd := lower(subdomainOf(acc))
		props["endpoints"] = map[string]any{
			"AI Foundry API":                     s.url + "/ai/" + sd + "/api/projects/" + r.name(),
			"OpenAI Language Model Instance API": s.url + "/openai/" + sd + "/",
			"OpenAI Dall-E API":                  s.url + "/openai/" + sd + "/",
		}
		props["isDefault"] = strings.EqualFold(defaultProjectName(s, acc), r.name())
	}
	props["internalId"] = r.internalID
	decorateIdentity(s, r, out)
}

// defaultProjectName is the account's default project: the one it names if it exists, else the oldest.
func defaultProjectName(s *Service, acc *resource) string {
	projects := s.st.children(acc, kindProject)
	if dp, _ := acc.props()["defaultProject"].(string); dp != "" {
		for _, p := range projects {
			if strings.EqualFold(p.name(), dp) {
				return p.name()
			}
		}
	}
	if len(projects) == 0 {
		return ""
	}
	return projects[0].name()
}

// checkDefaultProjectDelete refuses to delete the default project while the account has other projects.
func checkDefaultProjectDelete(c *call, r *resource) *arm.Error {
	acc := c.s.accountOf(r)
	if acc == nil || !strings.EqualFold(defaultProjectName(c.s, acc), r.name()) {
		return nil
	}
	var others []string
	for _, p := range c.st.children(acc, r.typ.kind) {
		if p != r {
			others = append(others, p.name())
		}
	}
	if len(others) == 0 {
		return nil
	}
	return arm.Errorf(http.StatusConflict, codeDefaultProjectDelete,
		"Project '%s' is the default project of account '%s' and cannot be deleted while other projects exist (%s). Delete the other projects first, or make another project the default by setting the account's 'defaultProject'.",
		r.name(), acc.name(), strings.Join(others, ", "))
}

// DataPlaneProject is a project as the data plane sees it, found by its account's custom subdomain and its name
// ("_project" = the account's default project); nil when there is none.
func (s *Service) DataPlaneProject(subdomain, name string) *dataplane.Project {
	for _, acc := range s.st.resources {
		if acc.typ.kind != kindAccount || !strings.EqualFold(subdomainOf(acc), subdomain) {
			continue
		}
		if name == "_project" {
			name = defaultProjectName(s, acc)
		}
		for _, p := range s.st.children(acc, kindProject) {
			if strings.EqualFold(p.name(), name) {
				out := &dataplane.Project{ID: p.id, Key: p.internalID + "|" + lower(p.id), AccountName: acc.name()}
				for _, d := range s.st.children(acc, kindDeployment) {
					if d.provisioningState() == "Succeeded" {
						out.Deployments = append(out.Deployments, dataplane.Deployment{Name: d.name(), Doc: d.doc})
					}
				}
				return out
			}
		}
		return nil
	}
	return nil
}
