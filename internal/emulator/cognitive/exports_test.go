package cognitive

import "strings"

// RouteTemplate is a route as the tests see it.
type RouteTemplate struct{ Method, Path string }

// RouteTemplates are the full path templates of a service's routes (prefix and template), the operation monitors
// left out.
func RouteTemplates(s *Service) []RouteTemplate {
	var out []RouteTemplate
	for prefix, routes := range map[string][]route{subscriptionPrefix: s.subRoutes, groupPrefix: s.rgRoutes} {
		for _, rt := range routes {
			if !strings.Contains(rt.template, "/operationResults/") && !strings.Contains(rt.template, "/operationStatuses/") {
				out = append(out, RouteTemplate{rt.method, prefix + rt.template})
			}
		}
	}
	return out
}

// GroupPrefix is the specification's path of the provider at resource group scope.
const GroupPrefix = groupPrefix

// APIVersion is the api-version the provider accepts.
const APIVersion = pinnedAPIVersion
