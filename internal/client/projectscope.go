package client

import (
	"context"
	"fmt"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// ProjectEndpointKey is the key of the project endpoint in ProjectProperties.Endpoints.
const ProjectEndpointKey = "AI Foundry API"

// ProjectClient calls one Foundry project's endpoint (the data plane) with tokens for Options.ProjectAudience.
type ProjectClient struct {
	id       ProjectID
	endpoint string
	api      requester
}

// Project reads the project from ARM and returns a client for its endpoint. The endpoint is taken from the
// project, never built: an account without a custom subdomain has none.
func (c *Client) Project(ctx context.Context, id ProjectID) (*ProjectClient, error) {
	p, err := c.GetProject(ctx, id)
	if err != nil {
		return nil, err
	}
	var endpoint string
	if p.Properties != nil {
		endpoint = p.Properties.Endpoints[ProjectEndpointKey]
	}
	if endpoint == "" {
		return nil, fmt.Errorf("project %s has no %q endpoint; its account %s needs a custom subdomain (customSubDomainName) and allowProjectManagement before the project can be reached",
			id, ProjectEndpointKey, id.AccountID)
	}
	return &ProjectClient{
		id:       id,
		endpoint: strings.TrimSuffix(endpoint, "/"),
		api:      requester{pl: c.projectPipeline(endpoint), apiVersion: ProjectAPIVersion},
	}, nil
}

// projectPipeline returns the data-plane pipeline: the ARM pipeline's policies with a bearer token for the
// project audience instead of ARM's, and no RP registration. One per loopback-or-not, built on first use.
func (c *Client) projectPipeline(endpoint string) runtime.Pipeline {
	loopback := isLoopback(endpoint)
	c.projectMu.Lock()
	defer c.projectMu.Unlock()
	if pl, ok := c.projectPipelines[loopback]; ok {
		return pl
	}
	opts := clientOptions(c.opts, endpoint, dataPlaneBusyCodes)
	auth := runtime.NewBearerTokenPolicy(c.opts.Credential, []string{strings.TrimSuffix(c.opts.ProjectAudience, "/") + "/.default"},
		&policy.BearerTokenOptions{InsecureAllowCredentialWithHTTP: loopback})
	pl := runtime.NewPipeline(telemetryModule, telemetryVersion, runtime.PipelineOptions{PerRetry: []policy.Policy{auth}}, &opts)
	c.projectPipelines[loopback] = pl
	return pl
}

// Endpoint returns the project endpoint, e.g. https://{subdomain}.services.ai.azure.com/api/projects/{project}.
func (p *ProjectClient) Endpoint() string {
	return p.endpoint
}

// ID returns the ARM ID of the project.
func (p *ProjectClient) ID() ProjectID {
	return p.id
}

// ProjectDeployment is a model deployment as the project sees it (read-only).
type ProjectDeployment struct {
	Type           string                `json:"type"`
	Name           string                `json:"name"`
	ModelName      string                `json:"modelName"`
	ModelVersion   string                `json:"modelVersion"`
	ModelPublisher string                `json:"modelPublisher"`
	Capabilities   map[string]string     `json:"capabilities"`
	SKU            *ProjectDeploymentSKU `json:"sku"`
	ConnectionName string                `json:"connectionName"`
}

// ProjectDeploymentSKU is the SKU of a ProjectDeployment.
type ProjectDeploymentSKU struct {
	Name     string `json:"name"`
	Capacity int64  `json:"capacity"`
	Family   string `json:"family"`
	Size     string `json:"size"`
	Tier     string `json:"tier"`
}

// ListDeployments lists the model deployments visible to the project, following nextLink.
func (p *ProjectClient) ListDeployments(ctx context.Context) ([]ProjectDeployment, error) {
	return list[ProjectDeployment](ctx, p.api, p.endpoint+"/deployments")
}
