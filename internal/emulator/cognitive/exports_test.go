package cognitive

// RouteTemplates are the full path templates of a service's routes (RouteTemplates).
func RouteTemplates(s *Service) []RouteTemplate { return s.RouteTemplates() }

// GroupPrefix is the specification's path of the provider at resource group scope.
const GroupPrefix = groupPrefix

// APIVersion is the api-version the provider accepts.
const APIVersion = pinnedAPIVersion
