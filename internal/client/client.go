package client

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	armpolicy "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm/policy"
	armruntime "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// APIVersion is the Microsoft.CognitiveServices ARM API version of every management call.
const APIVersion = "2026-09-01"

// ProjectAPIVersion is the api-version of Foundry project (data-plane) calls.
const ProjectAPIVersion = "v1"

// DefaultProjectAudience is the token audience of Foundry project endpoints in the public cloud.
const DefaultProjectAudience = "https://ai.azure.com"

const (
	telemetryModule  = "foundry"
	telemetryVersion = APIVersion

	defaultPollFrequency = 10 * time.Second

	// maxRetryDelay caps azcore's backoff and is also the longest Retry-After honoured on 408/429/5xx: azcore gives
	// up at once (returning the 429) when the service asks for a longer wait, so keep it above what ARM sends.
	maxRetryDelay = 5 * time.Minute
)

// Options configure a Client.
type Options struct {
	// Credential authenticates every call (ARM and project endpoints).
	Credential azcore.TokenCredential
	// Cloud must have cloud.ResourceManager with Endpoint and Audience set.
	Cloud cloud.Configuration
	// ProjectAudience is the audience of project-endpoint tokens; default DefaultProjectAudience.
	ProjectAudience string
	// Transport replaces the HTTP client (tests, custom TLS); optional.
	Transport policy.Transporter
	// UserAgent is appended to azcore's telemetry, e.g. "terraform-provider-foundry/0.1.0 terraform/1.8.5".
	UserAgent string
	// CorrelationID is sent as x-ms-correlation-request-id on every request; a UUID is generated if empty.
	CorrelationID string
	// Log receives one entry per HTTP request and response and per conflict retry; nil turns logging off.
	Log LogFunc
	// LogBodies includes request and response bodies, secrets masked, in log entries.
	LogBodies bool
	// DisableRPRegistration turns off azcore's automatic resource provider registration.
	DisableRPRegistration bool
	// PollFrequency is the wait between long-running-operation polls when the service sends no Retry-After;
	// default 10s; azcore refuses less than 1s outside tests.
	PollFrequency time.Duration
	// ConflictRetry configures the retry of 409/412 responses to writes; the zero value means defaults.
	ConflictRetry ConflictRetryOptions
	// CallTimeout bounds a call made without a deadline (plan-time checks, data sources without timeouts), retries
	// included; default DefaultCallTimeout.
	CallTimeout time.Duration
	// CredentialAdvice, when set, says what to check when Credential cannot get a token (the settings it was built
	// from); it becomes CredentialError.Advice.
	CredentialAdvice func(error) string
	// CoalesceWindow is how long a parent's list of children answers the Read… methods (the coalesced refresh);
	// 0 means DefaultCoalesceWindow, a negative value turns coalescing off (every read is a GET).
	CoalesceWindow time.Duration
}

// LogFunc receives the client's log entries; fields never hold unmasked secrets. Per HTTP attempt there is an
// "HTTP request" entry (method, url, correlation_id, client_request_id, request_headers, request_body) and an
// "HTTP response" entry (the same identifiers plus status, duration_ms, x_ms_request_id, response_headers,
// response_body), or "HTTP request failed" with error; bodies only with Options.LogBodies. Conflict retries log
// "retrying after 409 RequestConflict" with method, url, status, error_code, attempt and delay_ms.
type LogFunc func(ctx context.Context, msg string, fields map[string]any)

// Client calls Azure Resource Manager for Microsoft.CognitiveServices; it is safe for concurrent use.
type Client struct {
	endpoint      string
	arm           requester
	opts          Options
	pollFrequency time.Duration

	projectMu        sync.Mutex
	projectPipelines map[bool]runtime.Pipeline

	lists *lists // the coalesced refresh: parents' lists answering their children's reads
}

// New builds a Client; it makes no request.
func New(opts Options) (*Client, error) {
	if opts.Credential == nil {
		return nil, errors.New("building the Azure client: no credential")
	}
	rm, ok := opts.Cloud.Services[cloud.ResourceManager]
	if !ok || rm.Endpoint == "" || rm.Audience == "" {
		return nil, errors.New("building the Azure client: the cloud configuration has no Resource Manager endpoint and audience")
	}
	if _, err := url.Parse(rm.Endpoint); err != nil {
		return nil, fmt.Errorf("building the Azure client: Resource Manager endpoint %q: %w", rm.Endpoint, err)
	}
	if opts.ProjectAudience == "" {
		opts.ProjectAudience = DefaultProjectAudience
	}
	if opts.CorrelationID == "" {
		opts.CorrelationID = newUUID()
	}
	if opts.PollFrequency <= 0 {
		opts.PollFrequency = defaultPollFrequency
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = DefaultCallTimeout
	}
	opts.ConflictRetry = opts.ConflictRetry.withDefaults()
	opts.Credential = adviseCredential{inner: opts.Credential, advice: opts.CredentialAdvice}

	armOpts := &armpolicy.ClientOptions{
		ClientOptions:         clientOptions(opts, rm.Endpoint, armBusyCodes),
		DisableRPRegistration: opts.DisableRPRegistration,
	}
	armOpts.Cloud = cloneCloud(opts.Cloud)
	if opts.CoalesceWindow == 0 {
		opts.CoalesceWindow = DefaultCoalesceWindow
	}
	shared := newLists(opts.CoalesceWindow)
	armOpts.PerCallPolicies = append(armOpts.PerCallPolicies, writeWatch{lists: shared})
	pl, err := armruntime.NewPipeline(telemetryModule, telemetryVersion, opts.Credential, runtime.PipelineOptions{}, armOpts)
	if err != nil {
		return nil, fmt.Errorf("building the Azure client: %w", err)
	}
	return &Client{
		endpoint:         strings.TrimSuffix(rm.Endpoint, "/"),
		arm:              requester{pl: pl, apiVersion: APIVersion},
		opts:             opts,
		pollFrequency:    opts.PollFrequency,
		projectPipelines: map[bool]runtime.Pipeline{},
		lists:            shared,
	}, nil
}

// clientOptions are the azcore options shared by the ARM and project pipelines; endpoint decides whether
// credentials may travel over plain HTTP, busy which 409 codes the pipeline sends again.
func clientOptions(opts Options, endpoint string, busy map[string]bool) policy.ClientOptions {
	perCall := []policy.Policy{
		deadlinePolicy{bound: opts.CallTimeout},
		newUserAgentPolicy(opts.UserAgent),
		newCorrelationPolicy(opts.CorrelationID),
		runtime.NewRequestIDPolicy(),
		newConflictPolicy(opts.ConflictRetry, opts.Log, busy),
	}
	perRetry := []policy.Policy{attemptPolicy{}}
	if opts.Log != nil {
		perRetry = append(perRetry, newLoggingPolicy(opts.Log, opts.LogBodies))
	}
	return policy.ClientOptions{
		Retry:                           RetryOptions(),
		Transport:                       opts.Transport,
		PerCallPolicies:                 perCall,
		PerRetryPolicies:                perRetry,
		InsecureAllowCredentialWithHTTP: isLoopback(endpoint),
	}
}

// isLoopback reports whether endpoint's host is the local machine (an emulator): only then may bearer tokens be
// sent over plain HTTP.
func isLoopback(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func cloneCloud(c cloud.Configuration) cloud.Configuration {
	services := make(map[cloud.ServiceName]cloud.ServiceConfiguration, len(c.Services))
	for k, v := range c.Services {
		services[k] = v
	}
	c.Services = services
	return c
}

// Wait polls p until the operation ends, every PollFrequency unless the service sends Retry-After, bounded by ctx.
// A failed or canceled operation returns an *azcore.ResponseError: ErrorCode gives the operation's ARM code.
func Wait[T any](ctx context.Context, c *Client, p *runtime.Poller[T]) (T, error) {
	return p.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: c.pollFrequency})
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// url returns the Resource Manager URL of an escaped path.
func (c *Client) url(path string) string {
	return c.endpoint + path
}
