package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	foundry "github.com/foundrytf/terraform-provider-foundry/internal/provider"
)

// coverageGuide is the guide rendered from the table; FOUNDRY_WRITE_API_COVERAGE=1 (make generate) rewrites it.
var coverageGuide = filepath.Join("..", "..", "templates", "guides", "api-coverage.md.tmpl")

// TestAPICoverage fails when a property of the 2026-09-01 specification of a type this provider manages is neither an
// attribute nor deliberately left out with a reason (apicoverage_table_test.go), when the table names a property the
// specification does not have or an attribute the schema lacks, when an auth type has no credentials block, and when
// the guide that shows the table is not current.
func TestAPICoverage(t *testing.T) {
	spec := loadSpec(t)
	schemas := resourceTypes(t)
	for _, g := range coverageGroups {
		t.Run(g.root, func(t *testing.T) {
			seen := map[string]bool{}
			spec.walk(g.root, "", g.entries, seen, map[string]bool{g.root: true})
			for _, p := range sortedKeys(seen) {
				if _, ok := g.entries[p]; !ok {
					t.Errorf("%s: no entry for %s: map it to an attribute, or say why it is not one (apicoverage_table_test.go)", g.root, p)
				}
			}
			for _, p := range sortedKeys(g.entries) {
				if !seen[p] {
					t.Errorf("%s: the specification has no %s (or an entry above it ends the walk): remove the entry", g.root, p)
				}
				c := g.entries[p]
				if c.attr == "" && strings.TrimSpace(c.reason) == "" {
					t.Errorf("%s: %s is neither an attribute nor given a reason", g.root, p)
				}
				if c.attr == "" || c.attr == "." {
					continue
				}
				for _, typ := range g.types {
					if !hasAttribute(schemas[typ], c.attr) {
						t.Errorf("%s: %s maps to %s, which %s does not have", g.root, p, c.attr, typ)
					}
				}
			}
		})
	}
	t.Run("auth types", func(t *testing.T) {
		enum := spec.Definitions["ConnectionAuthType"].Enum
		if len(enum) < 19 {
			t.Fatalf("ConnectionAuthType has %d values; the test is not reading the specification", len(enum))
		}
		for _, v := range enum {
			block, ok := authTypeBlocks[v]
			if !ok {
				t.Errorf("auth type %s has no credentials block in authTypeBlocks", v)
				continue
			}
			for _, typ := range []string{"foundry_account_connection", "foundry_project_connection"} {
				if !hasAttribute(schemas[typ], block) {
					t.Errorf("%s has no credentials block %s for auth type %s", typ, block, v)
				}
			}
		}
		if len(authTypeBlocks) != len(enum) {
			t.Errorf("authTypeBlocks has %d auth types, the specification %d", len(authTypeBlocks), len(enum))
		}
	})
	t.Run("guide", func(t *testing.T) {
		want := renderCoverageGuide()
		if os.Getenv("FOUNDRY_WRITE_API_COVERAGE") == "1" {
			if err := os.WriteFile(coverageGuide, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		got, err := os.ReadFile(coverageGuide)
		if err != nil || string(got) != want {
			t.Errorf("%s is not current (%v): run make generate", coverageGuide, err)
		}
	})
}

// specSchema is the part of an OpenAPI 2.0 schema the walk reads.
type specSchema struct {
	Ref                string                 `json:"$ref"`
	Properties         map[string]*specSchema `json:"properties"`
	AllOf              []*specSchema          `json:"allOf"`
	Items              *specSchema            `json:"items"`
	Enum               []string               `json:"enum"`
	DiscriminatorValue string                 `json:"x-ms-discriminator-value"`
}

type openAPI struct {
	Definitions map[string]*specSchema `json:"definitions"`
}

func loadSpec(t *testing.T) *openAPI {
	t.Helper()
	var s openAPI
	if err := json.Unmarshal(armspec.Spec(), &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

func (s *openAPI) def(ref string) (string, *specSchema) {
	name, ok := strings.CutPrefix(ref, "#/definitions/")
	if !ok {
		return "", nil
	}
	return name, s.Definitions[name]
}

// properties are a definition's own properties and those it inherits through allOf; ARM's ProxyResource stands for
// id, name, type and systemData.
func (s *openAPI) properties(d *specSchema) map[string]*specSchema {
	out := map[string]*specSchema{}
	for _, a := range d.AllOf {
		switch {
		case strings.HasSuffix(a.Ref, "/ProxyResource"):
			for _, k := range []string{"id", "name", "type", "systemData"} {
				out[k] = &specSchema{}
			}
		default:
			if _, parent := s.def(a.Ref); parent != nil {
				for k, v := range s.properties(parent) {
					out[k] = v
				}
			}
		}
	}
	for k, v := range d.Properties {
		out[k] = v
	}
	return out
}

// object is the definition a property holds (directly or as array items) when it has properties of its own.
func (s *openAPI) object(p *specSchema) (string, *specSchema) {
	ref := p.Ref
	if p.Items != nil {
		ref = p.Items.Ref
	}
	name, d := s.def(ref)
	if d == nil || len(s.properties(d)) == 0 {
		return "", nil
	}
	return name, d
}

// walk records every property path under the definition name, stopping at properties the table does not map (their
// children need no entry), and walks the subtypes' own properties of a discriminated definition.
func (s *openAPI) walk(name, prefix string, entries map[string]coverage, seen, stack map[string]bool) {
	visit := func(props map[string]*specSchema, prefix string) {
		for k, p := range props {
			path := prefix + k
			seen[path] = true
			if c, ok := entries[path]; ok && c.attr == "" {
				continue
			}
			if child, cd := s.object(p); cd != nil && !stack[child] {
				stack[child] = true
				s.walk(child, path+".", entries, seen, stack)
				delete(stack, child)
			}
		}
	}
	visit(s.properties(s.Definitions[name]), prefix)
	for _, sub := range s.Definitions {
		if sub.DiscriminatorValue != "" && slices.ContainsFunc(sub.AllOf, func(a *specSchema) bool { return a.Ref == "#/definitions/"+name }) {
			visit(sub.Properties, strings.TrimSuffix(prefix, ".")+"["+sub.DiscriminatorValue+"].")
		}
	}
}

// resourceTypes are the Terraform types of the provider's resources' schemas, by type name.
func resourceTypes(t *testing.T) map[string]tftypes.Type {
	t.Helper()
	ctx := context.Background()
	p := foundry.New("test")()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	out := map[string]tftypes.Type{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		out[m.TypeName] = s.Schema.Type().TerraformType(ctx)
	}
	return out
}

// hasAttribute reports whether the dotted attribute path exists in typ; lists, sets and maps are looked through.
func hasAttribute(typ tftypes.Type, dotted string) bool {
	for _, name := range strings.Split(dotted, ".") {
		for {
			switch c := typ.(type) {
			case tftypes.List:
				typ = c.ElementType
				continue
			case tftypes.Set:
				typ = c.ElementType
				continue
			case tftypes.Map:
				typ = c.ElementType
				continue
			}
			break
		}
		obj, ok := typ.(tftypes.Object)
		if !ok {
			return false
		}
		if typ, ok = obj.AttributeTypes[name]; !ok {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// renderCoverageGuide is the guide page: for each ARM type, where each property went, then what is deliberately not
// an attribute and why.
func renderCoverageGuide() string {
	var b strings.Builder
	b.WriteString(`---
page_title: "API coverage: every property of the 2026-09-01 API"
subcategory: ""
description: |-
  Which attribute holds each property of the Microsoft.CognitiveServices 2026-09-01 API for the objects this provider manages, and why the others are deliberately not attributes.
---

# API coverage: every property of the 2026-09-01 API

The resources manage Microsoft.CognitiveServices objects of API version 2026-09-01. This page lists, for each of them,
every property of the API's specification: the attribute that holds it, or, in the second table, why it is
deliberately not an attribute (read-only data of no use in a configuration, deprecated, a setting of another kind of
resource, or a status rather than a setting). It is generated from the table the provider's tests check against the
specification (` + "`internal/provider/apicoverage_table_test.go`" + `), so a property a new API version adds cannot go
unnoticed. Paths are those of the ARM request body (as in ` + "`azapi_resource`" + `); a path under an array applies to
each item, and ` + "`properties[ApiKey].credentials`" + ` is the ` + "`credentials`" + ` of a connection whose
` + "`authType`" + ` is ` + "`ApiKey`" + `. "(the resource)" marks an object whose properties are attributes of the
resource itself.
`)
	for _, g := range coverageGroups {
		fmt.Fprintf(&b, "\n## %s\n\nResource: %s.\n\n| Property | Attribute |\n|---|---|\n", g.title, quoteTypes(g.types))
		var left []string
		for _, p := range sortedKeys(g.entries) {
			c := g.entries[p]
			switch c.attr {
			case "":
				left = append(left, p)
			case ".":
				fmt.Fprintf(&b, "| `%s` | (the resource) |\n", p)
			default:
				fmt.Fprintf(&b, "| `%s` | `%s` |\n", p, c.attr)
			}
		}
		if g.root == "ConnectionPropertiesV2BasicResource" {
			b.WriteString("\nEvery `authType` has a credentials block; the block that is set decides `auth_type`:\n\n| `authType` | Block |\n|---|---|\n")
			for _, v := range sortedKeys(authTypeBlocks) {
				fmt.Fprintf(&b, "| `%s` | `%s` |\n", v, authTypeBlocks[v])
			}
		}
		b.WriteString("\nDeliberately not attributes:\n\n| Property | Why |\n|---|---|\n")
		for _, p := range left {
			fmt.Fprintf(&b, "| `%s` | %s |\n", p, g.entries[p].reason)
		}
	}
	return b.String()
}

func quoteTypes(types []string) string {
	q := make([]string, len(types))
	for i, t := range types {
		q[i] = "`" + t + "`"
	}
	return strings.Join(q, " and ")
}
