package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	raiBlocklistID       = accountID + "/raiBlocklists/words"
	raiBlocklistPath     = accountPath + "/raiBlocklists/words"
	raiBlocklistItemID   = raiBlocklistID + "/raiBlocklistItems/item1"
	raiBlocklistItemPath = raiBlocklistPath + "/raiBlocklistItems/item1"
	getRAIBlocklistBody  = `{"id":"` + raiBlocklistID + `","name":"words","type":"Microsoft.CognitiveServices/accounts/raiBlocklists",
	  "etag":"\"00000000-0000-0000-0000-000000000000\"","tags":{"a":"b"},"systemData":{"createdBy":"me"},
	  "properties":{"description":"Brief description of the blocklist"}}`
	getRAIBlocklistItemBody = `{"id":"` + raiBlocklistItemID + `","name":"item1",
	  "type":"Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems","etag":"\"e\"","tags":{},
	  "properties":{"isRegex":false,"pattern":"Pattern To Block"}}`
)

func testRAIBlocklistID() client.RAIBlocklistID {
	return client.NewRAIBlocklistID(testAccountID(), "words")
}

func testRAIBlocklistItemID() client.RAIBlocklistItemID {
	return client.NewRAIBlocklistItemID(testRAIBlocklistID(), "item1")
}

func TestParseRAIBlocklistIDs(t *testing.T) {
	b, err := client.ParseRAIBlocklistID(strings.Replace(raiBlocklistID, "raiBlocklists", "RAIBLOCKLISTS", 1))
	if err != nil || b != testRAIBlocklistID() || b.String() != raiBlocklistID || b.Account() != testAccountID() {
		t.Fatalf("got %+v, %v", b, err)
	}
	i, err := client.ParseRAIBlocklistItemID(strings.Replace(raiBlocklistItemID, "raiBlocklistItems", "raiblocklistitems", 1))
	if err != nil || i != testRAIBlocklistItemID() || i.String() != raiBlocklistItemID || i.Account() != testAccountID() ||
		i.RAIBlocklistID != testRAIBlocklistID() {
		t.Fatalf("got %+v, %v", i, err)
	}
	if _, err := client.ParseRAIBlocklistID(raiBlocklistItemID); err == nil {
		t.Error("an item ID parsed as a blocklist ID")
	}
	if _, err := client.ParseRAIBlocklistItemID(raiBlocklistID); err == nil {
		t.Error("a blocklist ID parsed as an item ID")
	}
}

func TestRAIBlocklistOperations(t *testing.T) {
	decodeStrict(t, getRAIBlocklistBody, new(client.RAIBlocklist))
	tr := newTransport(t, reply(200, getRAIBlocklistBody), reply(201, getRAIBlocklistBody), reply(200, getRAIBlocklistBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.GetRAIBlocklist(ctx, testRAIBlocklistID())
	if err != nil || *got.ID != raiBlocklistID || *got.Etag == "" || got.Tags["a"] != "b" || *got.Properties.Description != "Brief description of the blocklist" {
		t.Fatalf("GetRAIBlocklist = %s, %v", mustJSON(t, got), err)
	}
	for range 2 { // 201 on create, 200 on update
		if _, err := c.CreateOrUpdateRAIBlocklist(ctx, testRAIBlocklistID(), got); err != nil {
			t.Fatal(err)
		}
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, raiBlocklistPath)
	wantURL(t, reqs[1], http.MethodPut, raiBlocklistPath)
	if want := `{"tags":{"a":"b"},"properties":{"description":"Brief description of the blocklist"}}`; reqs[1].Body != want {
		t.Errorf("PUT body = %s\nwant        %s", reqs[1].Body, want)
	}
	if got.ID == nil || got.Etag == nil {
		t.Error("the caller's body was modified")
	}
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.GetRAIBlocklist(ctx, testRAIBlocklistID())
		return err
	})
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.CreateOrUpdateRAIBlocklist(ctx, testRAIBlocklistID(), client.RAIBlocklist{})
		return err
	})
}

func TestBeginDeleteRAIBlocklist(t *testing.T) {
	checkBeginDelete(t, raiBlocklistPath, func(ctx context.Context, c *client.Client) (*runtime.Poller[struct{}], error) {
		return c.BeginDeleteRAIBlocklist(ctx, testRAIBlocklistID())
	})
}

func TestListRAIBlocklists(t *testing.T) {
	checkPagedList(t, accountPath+"/raiBlocklists",
		func(n string) string { return `{"name":"` + n + `","properties":{"description":"d"}}` },
		func(ctx context.Context, c *client.Client) ([]string, error) {
			got, err := c.ListRAIBlocklists(ctx, testAccountID())
			return namesOf(got, err, func(b client.RAIBlocklist) *string { return b.Name })
		})
}

func TestRAIBlocklistItemOperations(t *testing.T) {
	decodeStrict(t, getRAIBlocklistItemBody, new(client.RAIBlocklistItem))
	tr := newTransport(t, reply(200, getRAIBlocklistItemBody), reply(201, getRAIBlocklistItemBody), reply(200, getRAIBlocklistItemBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.GetRAIBlocklistItem(ctx, testRAIBlocklistItemID())
	if err != nil || *got.ID != raiBlocklistItemID || *got.Properties.Pattern != "Pattern To Block" || *got.Properties.IsRegex {
		t.Fatalf("GetRAIBlocklistItem = %s, %v", mustJSON(t, got), err)
	}
	for range 2 {
		if _, err := c.CreateOrUpdateRAIBlocklistItem(ctx, testRAIBlocklistItemID(), got); err != nil {
			t.Fatal(err)
		}
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, raiBlocklistItemPath)
	wantURL(t, reqs[1], http.MethodPut, raiBlocklistItemPath)
	// The PutRaiBlocklistItem example's request, plus the (empty) tags the item came with.
	if want := `{"tags":{},"properties":{"pattern":"Pattern To Block","isRegex":false}}`; reqs[1].Body != want {
		t.Errorf("PUT body = %s\nwant        %s", reqs[1].Body, want)
	}
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.GetRAIBlocklistItem(ctx, testRAIBlocklistItemID())
		return err
	})
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.CreateOrUpdateRAIBlocklistItem(ctx, testRAIBlocklistItemID(), client.RAIBlocklistItem{})
		return err
	})
}

func TestBeginDeleteRAIBlocklistItem(t *testing.T) {
	checkBeginDelete(t, raiBlocklistItemPath, func(ctx context.Context, c *client.Client) (*runtime.Poller[struct{}], error) {
		return c.BeginDeleteRAIBlocklistItem(ctx, testRAIBlocklistItemID())
	})
}

func TestListRAIBlocklistItems(t *testing.T) {
	checkPagedList(t, raiBlocklistPath+"/raiBlocklistItems",
		func(n string) string { return `{"name":"` + n + `","properties":{"pattern":"p","isRegex":true}}` },
		func(ctx context.Context, c *client.Client) ([]string, error) {
			got, err := c.ListRAIBlocklistItems(ctx, testRAIBlocklistID())
			return namesOf(got, err, func(i client.RAIBlocklistItem) *string { return i.Name })
		})
}

func TestBatchAddRAIBlocklistItems(t *testing.T) {
	// The request and response of the spec's AddRaiBlocklistItems example.
	resp := `{"name":"myblocklist","etag":"\"00000000-0000-0000-0000-000000000000\"","properties":{"description":"Brief description of the blocklist"}}`
	decodeStrict(t, resp, new(client.RAIBlocklist))
	tr := newTransport(t, reply(200, resp), reply(200, resp))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.BatchAddRAIBlocklistItems(ctx, testRAIBlocklistID(), []client.RAIBlocklistItemBulkRequest{
		{Name: ptr("myblocklistitem1"), Properties: &client.RAIBlocklistItemProperties{IsRegex: ptr(true), Pattern: ptr("^[a-z0-9_-]{2,16}$")}},
		{Name: ptr("myblocklistitem2"), Properties: &client.RAIBlocklistItemProperties{IsRegex: ptr(false), Pattern: ptr("blockwords")}},
	})
	if err != nil || *got.Name != "myblocklist" {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	if _, err := c.BatchAddRAIBlocklistItems(ctx, testRAIBlocklistID(), nil); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPost, raiBlocklistPath+"/addRaiBlocklistItems")
	want := `[{"name":"myblocklistitem1","properties":{"pattern":"^[a-z0-9_-]{2,16}$","isRegex":true}},` +
		`{"name":"myblocklistitem2","properties":{"pattern":"blockwords","isRegex":false}}]`
	if reqs[0].Body != want {
		t.Errorf("body = %s\nwant   %s", reqs[0].Body, want)
	}
	if reqs[1].Body != `[]` {
		t.Errorf("empty batch body = %s, want []", reqs[1].Body)
	}
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.BatchAddRAIBlocklistItems(ctx, testRAIBlocklistID(), nil)
		return err
	})
}

func TestBatchDeleteRAIBlocklistItems(t *testing.T) {
	tr := newTransport(t, reply(204, ""), reply(204, ""), reply(200, `{}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	if err := c.BatchDeleteRAIBlocklistItems(ctx, testRAIBlocklistID(), []string{"myblocklistitem1", "myblocklistitem2"}); err != nil {
		t.Fatal(err)
	}
	if err := c.BatchDeleteRAIBlocklistItems(ctx, testRAIBlocklistID(), nil); err != nil {
		t.Fatal(err)
	}
	// 204 is the only success the spec declares.
	if err := c.BatchDeleteRAIBlocklistItems(ctx, testRAIBlocklistID(), []string{"x"}); client.StatusCode(err) != 200 {
		t.Errorf("a 200 was accepted: %v", err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPost, raiBlocklistPath+"/deleteRaiBlocklistItems")
	if reqs[0].Body != `["myblocklistitem1","myblocklistitem2"]` || reqs[1].Body != `[]` {
		t.Errorf("bodies = %s, %s", reqs[0].Body, reqs[1].Body)
	}
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		return c.BatchDeleteRAIBlocklistItems(ctx, testRAIBlocklistID(), []string{"x"})
	})
}
