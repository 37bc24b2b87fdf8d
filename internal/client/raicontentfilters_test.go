package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const raiContentFiltersPath = "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/raiContentFilters"

func TestGetRAIContentFilter(t *testing.T) {
	// The shape of the spec's GetRaiContentFilter example: the resource name and the filter's name differ.
	body := `{"id":"/subscriptions/` + sub + `/providers/Microsoft.CognitiveServices/locations/WestUS/raiContentFilters/IndirectAttack",
	  "type":"Microsoft.CognitiveServices/locations/raiContentFilters","name":"IndirectAttack",
	  "properties":{"name":"Indirect Attack","isMultiLevelFilter":false,"source":"Prompt"}}`
	decodeStrict(t, body, new(client.RAIContentFilter))
	tr := newTransport(t, reply(200, body), reply(200, body))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.GetRAIContentFilter(ctx, sub, "westus", "IndirectAttack")
	if err != nil || *got.Name != "IndirectAttack" || *got.Properties.Name != "Indirect Attack" || *got.Properties.IsMultiLevelFilter ||
		*got.Properties.Source != client.RAIPolicyContentSourcePrompt {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	if _, err := c.GetRAIContentFilter(ctx, sub, "west us", "a/b"); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, raiContentFiltersPath+"/IndirectAttack")
	if !strings.Contains(reqs[1].URL, "/locations/west%20us/raiContentFilters/a%2Fb?") {
		t.Errorf("URL not escaped: %s", reqs[1].URL)
	}
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.GetRAIContentFilter(ctx, sub, "westus", "Nope")
		return err
	})
}

func TestListRAIContentFilters(t *testing.T) {
	checkPagedList(t, raiContentFiltersPath,
		func(n string) string {
			return `{"name":"` + n + `","properties":{"name":"` + strings.ToUpper(n) + `","isMultiLevelFilter":true,"source":"Completion"}}`
		},
		func(ctx context.Context, c *client.Client) ([]string, error) {
			got, err := c.ListRAIContentFilters(ctx, sub, "westus")
			for _, f := range got {
				if *f.Properties.Name != strings.ToUpper(*f.Name) || !*f.Properties.IsMultiLevelFilter {
					t.Errorf("decoded %s", mustJSON(t, f))
				}
			}
			return namesOf(got, err, func(f client.RAIContentFilter) *string { return f.Name })
		})
}
