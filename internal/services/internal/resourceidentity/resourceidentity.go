// Package resourceidentity gives every resource its Terraform resource identity (terraform-plugin-framework's
// resource.ResourceWithIdentity): the identity schema, the identity saved with the state, and the ID an `import`
// block's `identity` stands for. An identity is the pieces of the object's ID, in snake_case, described once by a
// Shape, a template of that ID; it is not the managed identity of accounts and projects (package identity).
package resourceidentity

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

// SubscriptionID is the one attribute an import may leave out: it defaults to the provider's subscription.
const SubscriptionID = "subscription_id"

// The ARM templates every Foundry object's ID starts with.
const (
	// Accounts is what an account's ID starts with, before its name.
	Accounts = "/subscriptions/{subscription_id}/resourceGroups/{resource_group_name}/providers/Microsoft.CognitiveServices/accounts/"
	// Account is the ID of an account, whose name is the identity's account_name.
	Account = Accounts + "{account_name}"
	// Project is the ID of a project, whose name is the identity's project_name.
	Project = Account + "/projects/{project_name}"
)

// descriptions of the attributes; an attribute's name not in here is the object's own name, described by what.
var descriptions = map[string]string{
	SubscriptionID:        "ID of the Azure subscription (a GUID). Optional on import: the provider's subscription when left out.",
	"resource_group_name": "Name of the resource group.",
	"account_name":        "Name of the Foundry account (`Microsoft.CognitiveServices/accounts`).",
	"project_name":        "Name of the project (`Microsoft.CognitiveServices/accounts/projects`).",
	"blocklist_name":      "Name of the RAI blocklist (`Microsoft.CognitiveServices/accounts/raiBlocklists`).",
	"scope":               "ARM ID of the scope the role assignment is attached to (an account, a project, a resource group...).",
}

// Shape is how an object's ID is made of its identity's attributes.
type Shape struct {
	what     string
	template string
	names    []string
	re       *regexp.Regexp
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

// New returns the Shape of the IDs of what ("project") written as template: literal segments, which match
// case-insensitively, and {attribute} placeholders, each one segment, but for a placeholder that starts the template
// (a role assignment's {scope}), which takes any number of segments. A malformed template is a provider bug: New
// panics, and every resource's shape is built when the provider package loads.
func New(what, template string) Shape {
	s := Shape{what: what, template: template}
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(template, -1) {
		if lit := template[last:m[0]]; lit != "" {
			b.WriteString("(?i:" + regexp.QuoteMeta(lit) + ")")
		}
		if m[0] == 0 {
			b.WriteString("(/.+)") // a leading placeholder: an ARM ID of any length
		} else {
			b.WriteString("([^/]+)")
		}
		s.names = append(s.names, template[m[2]:m[3]])
		last = m[1]
	}
	if lit := template[last:]; lit != "" {
		b.WriteString("(?i:" + regexp.QuoteMeta(lit) + ")")
	}
	b.WriteString("$")
	if len(s.names) == 0 {
		panic("resourceidentity: template " + template + " has no attribute")
	}
	s.re = regexp.MustCompile(b.String())
	return s
}

// Names returns the identity's attributes, in the order of the ID.
func (s Shape) Names() []string { return append([]string(nil), s.names...) }

// Schema is the identity schema: every attribute required on import, but subscription_id, which is optional.
func (s Shape) Schema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	attrs := make(map[string]identityschema.Attribute, len(s.names))
	for _, n := range s.names {
		d, ok := descriptions[n]
		if !ok {
			d = "Name of the " + s.what + "."
		}
		attrs[n] = identityschema.StringAttribute{
			RequiredForImport: n != SubscriptionID,
			OptionalForImport: n == SubscriptionID,
			Description:       d,
		}
	}
	resp.IdentitySchema = identityschema.Schema{Attributes: attrs}
}

// Values splits id into the identity's attributes; false when id does not have the shape.
func (s Shape) Values(id string) (map[string]string, bool) {
	m := s.re.FindStringSubmatch(id)
	if m == nil {
		return nil, false
	}
	v := make(map[string]string, len(s.names))
	for i, n := range s.names {
		v[n] = m[i+1]
	}
	return v, true
}

// Format builds the ID from the identity's attributes.
func (s Shape) Format(values map[string]string) string {
	return placeholder.ReplaceAllStringFunc(s.template, func(p string) string {
		return values[p[1:len(p)-1]]
	})
}

// Set saves the identity of the object whose ID is id. Create calls it as soon as it saves the ID (before a long wait,
// so that a create that ends early leaves an object with its identity), Read before it reads the object (so that a read
// that removes the object, or fails, keeps it), Update and ImportState with the object's ID. A nil identity (the
// resource was served without identity support) is left alone.
func (s Shape) Set(ctx context.Context, identity *tfsdk.ResourceIdentity, id string) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	v, ok := s.Values(id)
	if !ok {
		return diag.Diagnostics{diagnostics.Bug(fmt.Sprintf("The %s ID %q does not have the shape %s of its resource identity.", s.what, id, s.template))}
	}
	var diags diag.Diagnostics
	for _, n := range s.names {
		diags.Append(identity.SetAttribute(ctx, path.Root(n), v[n])...)
	}
	return diags
}

// Save saves the identity of the object whose ID is the attribute id of state, once state has one; Create, Read and
// Update defer it as their first statement. Create and Update pass their response's state: a create that ends after
// saving the ID early (before a long wait) leaves an object with its identity too. Read passes its request's state,
// the ID it reads: the identity stays (or, for a state saved before identity support, appears) even when the read
// removes the object (the framework refuses a read that returns no identity) or fails. ImportState and the moved
// blocks' movers pass the state they return.
func (s Shape) Save(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil || state == nil || state.Raw.IsNull() {
		return
	}
	var id types.String
	if state.GetAttribute(ctx, path.Root("id"), &id).HasError() || id.ValueString() == "" {
		return
	}
	diags.Append(s.Set(ctx, identity, id.ValueString())...)
}

// ImportID returns the ID an import names: the `terraform import` command's or the `import` block's `id`, or the ID
// the `import` block's `identity` stands for, with subscription_id defaulting to the provider's (d's). The resource's
// ImportState parses it as it parses any import ID, so a bad identity is reported as the ID it makes. ok is false
// when the identity lacks an attribute (reported on diags).
func (s Shape) ImportID(ctx context.Context, req resource.ImportStateRequest, d *providerdata.Data, diags *diag.Diagnostics) (string, bool) {
	if req.ID != "" || req.Identity == nil {
		return req.ID, true
	}
	subscription := ""
	if d != nil {
		subscription = d.SubscriptionID
	}
	values := make(map[string]string, len(s.names))
	for _, n := range s.names {
		var v types.String
		if diags.Append(req.Identity.GetAttribute(ctx, path.Root(n), &v)...); diags.HasError() {
			return "", false
		}
		switch {
		case v.ValueString() != "":
			values[n] = v.ValueString()
		case n == SubscriptionID && subscription != "":
			values[n] = subscription
		default:
			diags.Append(diagnostics.InvalidImportIdentity(n, s.template))
			return "", false
		}
	}
	return s.Format(values), true
}
