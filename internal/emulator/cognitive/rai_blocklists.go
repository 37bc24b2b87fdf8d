package cognitive

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// RAI blocklists, ACC/raiBlocklists, and their items, ACC/raiBlocklists/{b}/raiBlocklistItems (2026-09-01). PUTs
// are synchronous (200/201) and refused with 409 RequestConflict while another operation runs on the account; DELETEs
// are long-running (202 + Location, 204 when absent) through the engine. Deleting a blocklist deletes its items, and
// is refused while a policy of the account names it (409 RaiBlocklistInUse, the emulator's choice).
//
// The two batch actions are synchronous: addRaiBlocklistItems takes a JSON array of {name, properties} and answers
// 200 with the blocklist; deleteRaiBlocklistItems takes a JSON array of names and answers 204. The specification
// says neither what adding an existing name does nor whether deleting an absent one fails, nor how many items one
// request may carry: the emulator replaces an existing item, ignores absent names and takes any number within ARM's
// 4 MB request limit (its reading). An item's pattern is required; a regular expression (isRegex) must compile (Go's
// RE2 syntax, stricter than .NET's); a name appears once per batch. Item errors answer 400 InvalidRaiBlocklistItem
// (the emulator's choice).

// maxBatchBody is ARM's request size limit, for the batch actions whose bodies are JSON arrays.
const maxBatchBody = 4 << 20

func raiBlocklistType(account *resourceType) *resourceType {
	return &resourceType{
		kind: kindRAIBlocklist, collection: "raiblocklists", armType: armTypeRAIBlocklist, parent: account, operation: "raiBlocklists",
		onDelete:  answerLocation, // RaiBlocklists_Delete 202: location, Retry-After (the PUT is synchronous)
		deletable: []func(c *call, r *resource) *arm.Error{checkRAIBlocklistInUse},
		removed:   removeWithChildren,
	}
}

func raiBlocklistItemType(blocklist *resourceType) *resourceType {
	return &resourceType{
		kind: kindRAIBlocklistItem, collection: "raiblocklistitems", armType: armTypeRAIBlocklistItem, parent: blocklist,
		operation: "raiBlocklistItems",
		onDelete:  answerLocation, // RaiBlocklistItems_Delete 202: location, Retry-After (the PUT is synchronous)
		removed:   removeOnly,
	}
}

// raiBlocklists serves ACC/raiBlocklists and ACC/raiBlocklists/{raiBlocklistName}.
func raiBlocklists(c *call, p params) *arm.Error {
	acc, name := c.account(p), p["raiBlocklistName"]
	if acc == nil {
		if c.R.Method == http.MethodDelete {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		return arm.ParentNotFound(p["accountName"])
	}
	if _, one := p["raiBlocklistName"]; !one {
		return c.getOnly(func() *arm.Error {
			items := []map[string]any{}
			for _, r := range c.st.children(acc, kindRAIBlocklist) {
				items = append(items, c.s.render(r))
			}
			return c.WriteList(items)
		})
	}
	id := acc.id + "/raiBlocklists/" + name
	existing := c.st.resources[lower(id)]
	switch c.R.Method {
	case http.MethodGet:
		if existing == nil {
			return arm.NotFound(armTypeRAIBlocklist, acc.name()+"/"+name, c.g.Name)
		}
		c.writeResource(http.StatusOK, existing)
		return nil
	case http.MethodDelete:
		w := &write{method: http.MethodDelete, typ: c.s.types.raiBlocklist, sub: c.sub, group: c.g, id: id,
			names: []string{acc.names[0], name}, existing: existing, parent: acc}
		return c.delete(w)
	case http.MethodPut:
		return c.putRAIBlocklist(acc, id, name, existing)
	}
	return arm.MethodNotAllowed(c.R.Method)
}

func (c *call) putRAIBlocklist(acc *resource, id, name string, existing *resource) *arm.Error {
	body, e := c.beginRAIPut("RAI blocklist", name, lower(acc.id), existing)
	if e != nil {
		return e
	}
	doc, e := prepareRAIDocument(body, "description")
	if e != nil {
		return e
	}
	c.storeRAIChild(c.s.types.raiBlocklist, id, []string{acc.names[0], name}, doc, existing)
	return nil
}

// prepareRAIDocument keeps tags and the string properties keys of a blocklist or item body.
func prepareRAIDocument(body map[string]any, keys ...string) (map[string]any, *arm.Error) {
	doc := map[string]any{}
	if tags, ok := body["tags"]; ok && tags != nil {
		if !isStringMap(tags) {
			return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The request content was invalid and could not be deserialized: 'tags' must be an object of strings.")
		}
		doc["tags"] = tags
	}
	f := &raiFields{m: body}
	in := f.object("properties")
	props := map[string]any{}
	pf := &raiFields{m: in, path: "properties"}
	for _, k := range keys {
		if v := pf.str(k); v != "" {
			props[k] = v
		}
	}
	pf.boolean("isRegex", props)
	if f.err != nil {
		return nil, f.err
	}
	if pf.err != nil {
		return nil, pf.err
	}
	doc["properties"] = props
	return doc, nil
}

// storeRAIChild creates or replaces a synchronous RAI resource and answers 201 or 200 with it.
func (c *call) storeRAIChild(typ *resourceType, id string, names []string, doc map[string]any, existing *resource) {
	status := http.StatusOK
	r := existing
	if r == nil {
		status = http.StatusCreated
		r = &resource{typ: typ, seq: c.st.nextSeq(), createdAt: c.Now, createdBy: c.Who.AppID, sub: c.sub.ID, group: c.g.Name}
		c.st.resources[lower(id)] = r
	}
	r.id, r.names, r.doc = id, names, doc
	r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
	c.writeResource(status, r)
}

// checkRAIBlocklistInUse refuses to delete a blocklist while a policy of its account names it.
func checkRAIBlocklistInUse(c *call, r *resource) *arm.Error {
	acc := c.s.accountOf(r)
	if acc == nil {
		return nil
	}
	var users []string
	for _, p := range c.st.children(acc, kindRAIPolicy) {
		lists, _ := p.props()["customBlocklists"].([]any)
		for _, l := range lists {
			if m, _ := l.(map[string]any); m != nil {
				if n, _ := m["blocklistName"].(string); strings.EqualFold(n, r.name()) {
					users = append(users, p.name())
					break
				}
			}
		}
	}
	if len(users) == 0 {
		return nil
	}
	return arm.Errorf(http.StatusConflict, codeRAIBlocklistInUse,
		"The RAI blocklist '%s' cannot be deleted because RAI policies of account '%s' use it: %s. Remove it from their customBlocklists first.",
		r.name(), acc.name(), strings.Join(users, ", "))
}

// blocklistOf finds the blocklist of a request (nil with the error to answer when it or its account is missing).
func (c *call) blocklistOf(p params) (*resource, *arm.Error) {
	acc := c.account(p)
	if acc == nil {
		return nil, arm.ParentNotFound(p["accountName"])
	}
	bl := c.st.resources[lower(acc.id+"/raiBlocklists/"+p["raiBlocklistName"])]
	if bl == nil {
		return nil, arm.ParentNotFound(acc.name() + "/raiBlocklists/" + p["raiBlocklistName"])
	}
	return bl, nil
}

// raiBlocklistItems serves …/raiBlocklistItems and …/raiBlocklistItems/{raiBlocklistItemName}.
func raiBlocklistItems(c *call, p params) *arm.Error {
	bl, e := c.blocklistOf(p)
	if e != nil {
		if c.R.Method == http.MethodDelete {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		return e
	}
	name, one := p["raiBlocklistItemName"]
	if !one {
		return c.getOnly(func() *arm.Error {
			items := []map[string]any{}
			for _, r := range c.blocklistItems(bl) {
				items = append(items, c.s.render(r))
			}
			return c.WriteList(items)
		})
	}
	id := bl.id + "/raiBlocklistItems/" + name
	existing := c.st.resources[lower(id)]
	switch c.R.Method {
	case http.MethodGet:
		if existing == nil {
			return arm.NotFound(armTypeRAIBlocklistItem, bl.names[0]+"/"+bl.name()+"/"+name, c.g.Name)
		}
		c.writeResource(http.StatusOK, existing)
		return nil
	case http.MethodDelete:
		w := &write{method: http.MethodDelete, typ: c.s.types.raiBlocklistItem, sub: c.sub, group: c.g, id: id,
			names: []string{bl.names[0], bl.name(), name}, existing: existing, parent: bl}
		return c.delete(w)
	case http.MethodPut:
		body, e := c.beginRAIPut("blocklist item", name, accountKey(bl.sub, bl.group, bl.names[0]), existing)
		if e != nil {
			return e
		}
		doc, e := prepareRAIItem(name, body)
		if e != nil {
			return e
		}
		c.storeRAIChild(c.s.types.raiBlocklistItem, id, []string{bl.names[0], bl.name(), name}, doc, existing)
		return nil
	}
	return arm.MethodNotAllowed(c.R.Method)
}

// prepareRAIItem checks an item's name and document.
func prepareRAIItem(name string, body map[string]any) (map[string]any, *arm.Error) {
	if !raiNamePattern.MatchString(name) {
		return nil, arm.Errorf(http.StatusBadRequest, codeRAIInvalidBlocklistItem,
			"The blocklist item name '%s' is not valid. It must match the pattern '%s'.", name, raiNamePattern.String())
	}
	doc, e := prepareRAIDocument(body, "pattern")
	if e != nil {
		return nil, e
	}
	props := propsOf(doc)
	pattern, _ := props["pattern"].(string)
	if strings.TrimSpace(pattern) == "" {
		return nil, arm.Errorf(http.StatusBadRequest, codeRAIInvalidBlocklistItem, "The blocklist item '%s' needs a non-empty 'properties.pattern'.", name)
	}
	if _, ok := props["isRegex"]; !ok {
		props["isRegex"] = false
	}
	if props["isRegex"] == true {
		if _, err := regexp.Compile(pattern); err != nil {
			return nil, arm.Errorf(http.StatusBadRequest, codeRAIInvalidBlocklistItem,
				"The pattern of blocklist item '%s' is not a valid regular expression: %s.", name, err)
		}
	}
	return doc, nil
}

// blocklistItems are the items of a blocklist, in creation order.
func (c *call) blocklistItems(bl *resource) []*resource {
	prefix := lower(bl.id) + "/raiblocklistitems/"
	var out []*resource
	for k, r := range c.st.resources {
		if strings.HasPrefix(k, prefix) {
			out = append(out, r)
		}
	}
	sortBySeq(out)
	return out
}

// readArray reads a JSON array request body (the batch actions).
func (c *call) readArray() ([]any, *arm.Error) {
	data, err := io.ReadAll(io.LimitReader(c.R.Body, maxBatchBody+1))
	if err != nil {
		return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The request content could not be read.")
	}
	if len(data) > maxBatchBody {
		return nil, arm.Errorf(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "The request content size exceeds the 4 MB limit.")
	}
	var arr []any
	if err := json.Unmarshal(data, &arr); err != nil {
		return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: a JSON array was expected (%s).", err)
	}
	return arr, nil
}

// raiBlocklistBatch serves addRaiBlocklistItems (add) and deleteRaiBlocklistItems.
func raiBlocklistBatch(add bool) func(c *call, p params) *arm.Error {
	return func(c *call, p params) *arm.Error {
		if c.R.Method != http.MethodPost {
			return arm.MethodNotAllowed(c.R.Method)
		}
		bl, e := c.blocklistOf(p)
		if e != nil {
			return e
		}
		if e := c.checkBusy(accountKey(bl.sub, bl.group, bl.names[0])); e != nil {
			return e
		}
		arr, e := c.readArray()
		if e != nil {
			return e
		}
		if add {
			return c.batchAddItems(bl, arr)
		}
		return c.batchDeleteItems(bl, arr)
	}
}

func (c *call) batchAddItems(bl *resource, arr []any) *arm.Error {
	type item struct {
		name string
		doc  map[string]any
	}
	var items []item
	seen := map[string]bool{}
	for i, v := range arr {
		m, ok := v.(map[string]any)
		if !ok {
			return arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
				"The request content was invalid and could not be deserialized: item [%d] must be an object.", i)
		}
		name, _ := m["name"].(string)
		if name == "" {
			return arm.Errorf(http.StatusBadRequest, codeRAIInvalidBlocklistItem, "The blocklist item [%d] has no 'name'.", i)
		}
		if seen[lower(name)] {
			return arm.Errorf(http.StatusBadRequest, codeRAIInvalidBlocklistItem, "The blocklist item '%s' is given twice in one request.", name)
		}
		seen[lower(name)] = true
		doc, e := prepareRAIItem(name, map[string]any{"properties": m["properties"]})
		if e != nil {
			return e
		}
		items = append(items, item{name, doc})
	}
	// All or nothing: the items are stored once every one of them is valid.
	for _, it := range items {
		id := bl.id + "/raiBlocklistItems/" + it.name
		r := c.st.resources[lower(id)]
		if r == nil {
			r = &resource{typ: c.s.types.raiBlocklistItem, seq: c.st.nextSeq(), createdAt: c.Now, createdBy: c.Who.AppID, sub: bl.sub, group: bl.group}
			c.st.resources[lower(id)] = r
		}
		r.id, r.names, r.doc = id, []string{bl.names[0], bl.name(), it.name}, it.doc
		r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
	}
	bl.etag, bl.modifiedAt, bl.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
	c.writeResource(http.StatusOK, bl)
	return nil
}

func (c *call) batchDeleteItems(bl *resource, arr []any) *arm.Error {
	var names []string
	for i, v := range arr {
		name, ok := v.(string)
		if !ok || name == "" {
			return arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
				"The request content was invalid and could not be deserialized: item [%d] must be a non-empty string (an item name).", i)
		}
		names = append(names, name)
	}
	for _, name := range names {
		delete(c.st.resources, lower(bl.id+"/raiBlocklistItems/"+name))
	}
	c.W.Header().Del("Content-Type")
	c.W.WriteHeader(http.StatusNoContent)
	return nil
}

// CountRAIBlocklistItems is how many items a blocklist (its ARM ID) has; ok is false when there is no such blocklist.
func (s *Service) CountRAIBlocklistItems(blocklistID string) (int, bool) {
	bl := s.st.resources[lower(strings.TrimRight(blocklistID, "/"))]
	if bl == nil || bl.typ.kind != kindRAIBlocklist {
		return 0, false
	}
	prefix := lower(bl.id) + "/raiblocklistitems/"
	n := 0
	for k := range s.st.resources {
		if strings.HasPrefix(k, prefix) {
			n++
		}
	}
	return n, true
}
