// Package functions holds the provider's functions (provider::foundry::…), which parse Foundry IDs and derive values.
package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// All returns every function of the provider, for registration.
func All() []func() function.Function {
	return []func() function.Function{
		newAccountEndpoint,
		newParseAccountID,
		newParseConnectionID,
		newParseDeploymentID,
		newParseProjectID,
		newProjectGUID,
	}
}

// parser is a function that takes one ID string and returns an object of its parts.
type parser struct {
	name, summary, description string
	attrs                      map[string]attr.Type
	parse                      func(string) (map[string]attr.Value, error)
}

func (p parser) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = p.name
}

func (p parser) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:             p.summary,
		MarkdownDescription: p.description,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "id", MarkdownDescription: "The ARM ID to parse."},
		},
		Return: function.ObjectReturn{AttributeTypes: p.attrs},
	}
}

func (p parser) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var id string
	if resp.Error = req.Arguments.Get(ctx, &id); resp.Error != nil {
		return
	}
	values, err := p.parse(id)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	obj, diags := types.ObjectValue(p.attrs, values)
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}

func stringAttrs(names ...string) map[string]attr.Type {
	m := make(map[string]attr.Type, len(names))
	for _, n := range names {
		m[n] = types.StringType
	}
	return m
}
