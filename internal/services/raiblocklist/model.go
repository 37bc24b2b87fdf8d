package raiblocklist

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// blocklistModel is foundry_rai_blocklist. Its items are two maps of strings (terms, regular expressions) rather than
// a map of objects: Terraform and the plugin framework handle thousands of strings quickly, while the framework walks a
// map of nested objects once per element (quadratic: 2,000 items took seconds of CPU per plan).
type blocklistModel struct {
	ID          types.String   `tfsdk:"id"`
	AccountID   types.String   `tfsdk:"account_id"`
	Name        types.String   `tfsdk:"name"`
	Description types.String   `tfsdk:"description"`
	Tags        types.Map      `tfsdk:"tags"`
	Items       types.Map      `tfsdk:"items"`
	RegexItems  types.Map      `tfsdk:"regex_items"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// item is one blocklist item: a term, or a regular expression.
type item struct {
	pattern string
	regex   bool
}

func (i item) properties() *client.RAIBlocklistItemProperties {
	return &client.RAIBlocklistItemProperties{Pattern: framework.Ptr(i.pattern), IsRegex: framework.Ptr(i.regex)}
}

func flattenItem(p *client.RAIBlocklistItemProperties) item {
	props := framework.Deref(p)
	return item{pattern: framework.Deref(props.Pattern), regex: framework.Deref(props.IsRegex)}
}

// managedItems are the items m manages, from both maps; nil when both are null (m manages none).
func managedItems(ctx context.Context, m blocklistModel) (map[string]item, diag.Diagnostics) {
	var diags diag.Diagnostics
	if m.Items.IsNull() && m.RegexItems.IsNull() {
		return nil, diags
	}
	out := map[string]item{}
	for _, part := range []struct {
		m     types.Map
		regex bool
	}{{m.Items, false}, {m.RegexItems, true}} {
		if part.m.IsNull() || part.m.IsUnknown() {
			continue
		}
		terms := map[string]string{}
		diags.Append(part.m.ElementsAs(ctx, &terms, false)...)
		for k, v := range terms {
			out[k] = item{pattern: v, regex: part.regex}
		}
	}
	return out, diags
}

// setItems writes items into the two maps of m; a map with no items stays null when it was null.
func setItems(m *blocklistModel, items map[string]item, diags *diag.Diagnostics) {
	terms, regexes := map[string]string{}, map[string]string{}
	for k, it := range items {
		if it.regex {
			regexes[k] = it.pattern
		} else {
			terms[k] = it.pattern
		}
	}
	m.Items = framework.StringMap(terms, m.Items, diags)
	m.RegexItems = framework.StringMap(regexes, m.RegexItems, diags)
}

// expandBlocklist builds the blocklist's PUT body (its description and tags; items are written separately).
func expandBlocklist(ctx context.Context, m blocklistModel) (client.RAIBlocklist, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.RAIBlocklist{Properties: &client.RAIBlocklistProperties{Description: framework.KnownStringPointer(m.Description)}}
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		tags := map[string]string{}
		diags.Append(m.Tags.ElementsAs(ctx, &tags, false)...)
		body.Tags = tags
	}
	return body, diags
}

// flattenBlocklist writes the blocklist (not its items) into m.
func flattenBlocklist(id client.RAIBlocklistID, b client.RAIBlocklist, m *blocklistModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(id.String())
	if !strings.EqualFold(m.AccountID.ValueString(), id.AccountID.String()) {
		m.AccountID = types.StringValue(id.AccountID.String())
	}
	if !strings.EqualFold(m.Name.ValueString(), id.Name) {
		m.Name = types.StringValue(id.Name)
	}
	m.Description = types.StringPointerValue(framework.NilIfEmpty(framework.Deref(b.Properties).Description))
	m.Tags = framework.StringMap(b.Tags, m.Tags, &diags)
	return diags
}

// flattenItems returns the items of the blocklist that prior manages (all of them when all is set), keyed as in
// prior: item names compare case-insensitively.
func flattenItems(items []client.RAIBlocklistItem, prior map[string]item, all bool) map[string]item {
	keys := map[string]string{}
	for k := range prior {
		keys[strings.ToLower(k)] = k
	}
	out := map[string]item{}
	for _, it := range items {
		name := framework.Deref(it.Name)
		k, managed := keys[strings.ToLower(name)]
		switch {
		case managed:
		case all:
			k = name
		default:
			continue // another resource's item, or one made outside Terraform
		}
		out[k] = flattenItem(it.Properties)
	}
	return out
}

// itemChanges is what turns the items of state into those of the plan: names to delete and to add (in batches)
// and items whose pattern changes (one request each). Names compare case-insensitively.
type itemChanges struct {
	remove []string
	add    []client.RAIBlocklistItemBulkRequest
	change map[string]item
}

func diffItems(state, plan map[string]item) itemChanges {
	c := itemChanges{change: map[string]item{}}
	old := map[string]item{}
	for k, v := range state {
		old[strings.ToLower(k)] = v
	}
	wanted := map[string]bool{}
	for _, k := range sortedKeys(plan) {
		v := plan[k]
		wanted[strings.ToLower(k)] = true
		o, ok := old[strings.ToLower(k)]
		switch {
		case !ok:
			c.add = append(c.add, client.RAIBlocklistItemBulkRequest{Name: framework.Ptr(k), Properties: v.properties()})
		case o != v:
			c.change[k] = v
		}
	}
	for _, k := range sortedKeys(state) {
		if !wanted[strings.ToLower(k)] {
			c.remove = append(c.remove, k)
		}
	}
	return c
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// batches splits s into slices of at most n.
func batches[T any](s []T, n int) [][]T {
	var out [][]T
	for len(s) > n {
		out = append(out, s[:n:n])
		s = s[n:]
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}
