package functions

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// simple is a function of string arguments that returns a string.
type simple struct {
	name, summary, description string
	params                     []function.Parameter
	run                        func(args []string) (string, *function.FuncError)
}

func (f simple) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f simple) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: f.summary, MarkdownDescription: f.description, Parameters: f.params, Return: function.StringReturn{},
	}
}

func (f simple) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	args := make([]string, len(f.params))
	targets := make([]any, len(args))
	for i := range args {
		targets[i] = &args[i]
	}
	if resp.Error = req.Arguments.Get(ctx, targets...); resp.Error != nil {
		return
	}
	out, ferr := f.run(args)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, out)
}

func newProjectGUID() function.Function {
	return simple{
		name:    "project_guid",
		summary: "Format a project's internal ID as a GUID",
		description: "Turns a project's `internal_id` (32 hex digits, as ARM returns it) into the 8-4-4-4-12 GUID form that Cosmos DB " +
			"role scopes and the agent service's storage container conditions use.",
		params: []function.Parameter{function.StringParameter{Name: "internal_id", MarkdownDescription: "The project's internal ID."}},
		run: func(args []string) (string, *function.FuncError) {
			g, err := client.ProjectGUID(args[0])
			if err != nil {
				return "", function.NewArgumentFuncError(0, err.Error())
			}
			return g, nil
		},
	}
}

// foundryHosts are the DNS suffixes of the Foundry API endpoint per cloud; the two sovereign ones follow the
// public pattern and are not confirmed by Microsoft documentation.
var foundryHosts = map[string]string{
	"public":       "services.ai.azure.com",
	"usgovernment": "services.ai.azure.us",
	"china":        "services.ai.azure.cn",
}

var subdomainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$`)

func newAccountEndpoint() function.Function {
	return simple{
		name:    "account_endpoint",
		summary: "Build a Foundry resource's API endpoint from its custom subdomain",
		description: "Returns `https://{subdomain}.services.ai.azure.com/` (the account's `AI Foundry API` endpoint) for `public`, and the " +
			"`.us` / `.cn` equivalents for `usgovernment` / `china`. Prefer reading `foundry_account.endpoints` when the account is in the " +
			"configuration; this function is for other configurations that only know the subdomain.",
		params: []function.Parameter{
			function.StringParameter{Name: "subdomain", MarkdownDescription: "The account's `custom_subdomain_name`."},
			function.StringParameter{Name: "environment", MarkdownDescription: "`public`, `usgovernment` or `china`."},
		},
		run: func(args []string) (string, *function.FuncError) {
			sub := strings.ToLower(args[0])
			if !subdomainPattern.MatchString(sub) {
				return "", function.NewArgumentFuncError(0, fmt.Sprintf("%q is not a custom subdomain: 2 to 64 lower-case letters, digits and hyphens, starting and ending with a letter or digit", args[0]))
			}
			host, ok := foundryHosts[strings.ToLower(args[1])]
			if !ok {
				return "", function.NewArgumentFuncError(1, fmt.Sprintf("unknown environment %q: use public, usgovernment or china", args[1]))
			}
			return "https://" + sub + "." + host + "/", nil
		},
	}
}
