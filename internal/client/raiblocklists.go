package client

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// RAIBlocklist is a Microsoft.CognitiveServices/accounts/raiBlocklists resource: a custom list of terms a RAI policy
// can block (RAICustomBlocklistConfig). Its items are RAIBlocklistItem resources. Read-only fields are decoded but
// never sent.
type RAIBlocklist struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type *string           `json:"type,omitempty"`
	Tags map[string]string `json:"tags,omitzero"`
	// Etag is read-only.
	Etag       *string                 `json:"etag,omitempty"`
	Properties *RAIBlocklistProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// RAIBlocklistProperties are the properties of a blocklist.
type RAIBlocklistProperties struct {
	Description *string `json:"description,omitempty"`
}

// RAIBlocklistItem is a Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems resource: one term or
// regular expression of a blocklist. Read-only fields are decoded but never sent.
type RAIBlocklistItem struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type *string           `json:"type,omitempty"`
	Tags map[string]string `json:"tags,omitzero"`
	// Etag is read-only.
	Etag       *string                     `json:"etag,omitempty"`
	Properties *RAIBlocklistItemProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// RAIBlocklistItemProperties are the properties of a blocklist item.
type RAIBlocklistItemProperties struct {
	// Pattern is the term, or a regular expression when IsRegex.
	Pattern *string `json:"pattern,omitempty"`
	IsRegex *bool   `json:"isRegex,omitempty"`
}

// RAIBlocklistItemBulkRequest is one item of BatchAddRAIBlocklistItems: the item's name and properties.
type RAIBlocklistItemBulkRequest struct {
	Name       *string                     `json:"name,omitempty"`
	Properties *RAIBlocklistItemProperties `json:"properties,omitempty"`
}

// writable returns a copy of b without read-only fields, as sent in PUT bodies.
func (b RAIBlocklist) writable() RAIBlocklist {
	b.ID, b.Name, b.Type, b.Etag, b.SystemData = nil, nil, nil, nil, nil
	return b
}

// writable returns a copy of i without read-only fields, as sent in PUT bodies.
func (i RAIBlocklistItem) writable() RAIBlocklistItem {
	i.ID, i.Name, i.Type, i.Etag, i.SystemData = nil, nil, nil, nil, nil
	return i
}

// RAIBlocklistID identifies a Microsoft.CognitiveServices/accounts/raiBlocklists resource.
type RAIBlocklistID struct {
	AccountID AccountID
	Name      string
}

// NewRAIBlocklistID returns the ID of the blocklist name under account.
func NewRAIBlocklistID(account AccountID, name string) RAIBlocklistID {
	return RAIBlocklistID{AccountID: account, Name: name}
}

var raiBlocklistShape = idShape{
	what:    "a RAI blocklist ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "raiBlocklists", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/raiBlocklists/blocklist1",
}

// ParseRAIBlocklistID parses a blocklist ID; keywords match case-insensitively and names keep their casing.
func ParseRAIBlocklistID(s string) (RAIBlocklistID, error) {
	n, err := raiBlocklistShape.parse(s)
	if err != nil {
		return RAIBlocklistID{}, err
	}
	return NewRAIBlocklistID(NewAccountID(n[0], n[1], n[2]), n[3]), nil
}

// Account returns the ID of the blocklist's account.
func (id RAIBlocklistID) Account() AccountID {
	return id.AccountID
}

// String returns the canonical ARM ID.
func (id RAIBlocklistID) String() string {
	a := id.AccountID
	return raiBlocklistShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

func (id RAIBlocklistID) path() string {
	a := id.AccountID
	return raiBlocklistShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// RAIBlocklistItemID identifies an item of a blocklist.
type RAIBlocklistItemID struct {
	RAIBlocklistID RAIBlocklistID
	Name           string
}

// NewRAIBlocklistItemID returns the ID of the item name under blocklist.
func NewRAIBlocklistItemID(blocklist RAIBlocklistID, name string) RAIBlocklistItemID {
	return RAIBlocklistItemID{RAIBlocklistID: blocklist, Name: name}
}

var raiBlocklistItemShape = idShape{
	what: "a RAI blocklist item ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "raiBlocklists", "",
		"raiBlocklistItems", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/raiBlocklists/blocklist1/raiBlocklistItems/item1",
}

// ParseRAIBlocklistItemID parses a blocklist item ID; keywords match case-insensitively and names keep their casing.
func ParseRAIBlocklistItemID(s string) (RAIBlocklistItemID, error) {
	n, err := raiBlocklistItemShape.parse(s)
	if err != nil {
		return RAIBlocklistItemID{}, err
	}
	return NewRAIBlocklistItemID(NewRAIBlocklistID(NewAccountID(n[0], n[1], n[2]), n[3]), n[4]), nil
}

// Account returns the ID of the account of the item's blocklist.
func (id RAIBlocklistItemID) Account() AccountID {
	return id.RAIBlocklistID.AccountID
}

// String returns the canonical ARM ID.
func (id RAIBlocklistItemID) String() string {
	a := id.RAIBlocklistID.AccountID
	return raiBlocklistItemShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.RAIBlocklistID.Name, id.Name)
}

func (id RAIBlocklistItemID) path() string {
	a := id.RAIBlocklistID.AccountID
	return raiBlocklistItemShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.RAIBlocklistID.Name, id.Name)
}

// GetRAIBlocklist reads a blocklist.
func (c *Client) GetRAIBlocklist(ctx context.Context, id RAIBlocklistID) (RAIBlocklist, error) {
	var out RAIBlocklist
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// CreateOrUpdateRAIBlocklist PUTs a blocklist (its description and tags, not its items); synchronous: 200 (updated)
// or 201 (created) with the blocklist.
func (c *Client) CreateOrUpdateRAIBlocklist(ctx context.Context, id RAIBlocklistID, body RAIBlocklist) (RAIBlocklist, error) {
	var out RAIBlocklist
	err := c.arm.call(ctx, http.MethodPut, c.url(id.path()), body.writable(), &out, http.StatusOK, http.StatusCreated)
	return out, err
}

// BeginDeleteRAIBlocklist deletes a blocklist (202 + Location; 204 when absent).
func (c *Client) BeginDeleteRAIBlocklist(ctx context.Context, id RAIBlocklistID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// ListRAIBlocklists lists an account's blocklists, following nextLink.
func (c *Client) ListRAIBlocklists(ctx context.Context, account AccountID) ([]RAIBlocklist, error) {
	return list[RAIBlocklist](ctx, c.arm, c.url(account.path()+"/raiBlocklists"))
}

// GetRAIBlocklistItem reads one item of a blocklist.
func (c *Client) GetRAIBlocklistItem(ctx context.Context, id RAIBlocklistItemID) (RAIBlocklistItem, error) {
	var out RAIBlocklistItem
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// CreateOrUpdateRAIBlocklistItem PUTs one item; synchronous: 200 (updated) or 201 (created) with the item.
func (c *Client) CreateOrUpdateRAIBlocklistItem(ctx context.Context, id RAIBlocklistItemID, body RAIBlocklistItem) (RAIBlocklistItem, error) {
	var out RAIBlocklistItem
	err := c.arm.call(ctx, http.MethodPut, c.url(id.path()), body.writable(), &out, http.StatusOK, http.StatusCreated)
	return out, err
}

// BeginDeleteRAIBlocklistItem deletes one item (202 + Location; 204 when absent).
func (c *Client) BeginDeleteRAIBlocklistItem(ctx context.Context, id RAIBlocklistItemID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// ListRAIBlocklistItems lists a blocklist's items, following nextLink.
func (c *Client) ListRAIBlocklistItems(ctx context.Context, blocklist RAIBlocklistID) ([]RAIBlocklistItem, error) {
	return list[RAIBlocklistItem](ctx, c.arm, c.url(blocklist.path()+"/raiBlocklistItems"))
}

// BatchAddRAIBlocklistItems adds items in one request (addRaiBlocklistItems; the body is a JSON array); synchronous:
// 200 with the blocklist, not its items. The spec does not say what happens to an item whose name exists. The spec documents no limit on the number of items; the
// caller splits large sets.
func (c *Client) BatchAddRAIBlocklistItems(ctx context.Context, blocklist RAIBlocklistID, items []RAIBlocklistItemBulkRequest) (RAIBlocklist, error) {
	if items == nil {
		items = []RAIBlocklistItemBulkRequest{}
	}
	var out RAIBlocklist
	err := c.arm.call(ctx, http.MethodPost, c.url(blocklist.path()+"/addRaiBlocklistItems"), items, &out, http.StatusOK)
	return out, err
}

// BatchDeleteRAIBlocklistItems deletes the named items in one request (deleteRaiBlocklistItems; the body is a JSON
// array of names); synchronous: 204 is the only success the spec declares.
func (c *Client) BatchDeleteRAIBlocklistItems(ctx context.Context, blocklist RAIBlocklistID, names []string) error {
	if names == nil {
		names = []string{}
	}
	return c.arm.call(ctx, http.MethodPost, c.url(blocklist.path()+"/deleteRaiBlocklistItems"), names, nil, http.StatusNoContent)
}
