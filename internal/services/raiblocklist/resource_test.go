package raiblocklist_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

const (
	blocklistName = "foundry_rai_blocklist.test"
	itemName      = "foundry_rai_blocklist_item.test"
)

func TestRAIBlocklistResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configAccount(name) + configBlocklist(`description = "Words we block"
  tags        = { team = "safety" }
  items       = { fabrikam = "Fabrikam", tailspin = "Tailspin Toys" }
  regex_items = { codename = "project[ -]?x" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name)+"/raiBlocklists/words")),
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("items"), knownvalue.MapExact(map[string]knownvalue.Check{
						"fabrikam": knownvalue.StringExact("Fabrikam"), "tailspin": knownvalue.StringExact("Tailspin Toys"),
					})),
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("regex_items"), knownvalue.MapExact(map[string]knownvalue.Check{
						"codename": knownvalue.StringExact("project[ -]?x"),
					})),
				},
			},
			{
				// Import reads every item of the blocklist into items.
				ResourceName:            blocklistName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

// Items are added and removed in batches; a changed pattern is one request; the blocklist itself is written only when
// its own attributes change.
func TestRAIBlocklistResource_update(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(blocklistName, plancheck.ResourceActionUpdate)}}
	base := env.ProviderBlock("") + configAccount(name)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            base + configBlocklist(`items = { a = "alpha", b = "beta", c = "gamma" }`),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(blocklistName, tfjsonpath.New("id"))},
				Check:             func(*terraform.State) error { env.Server.ResetRequests(); return nil },
			},
			{
				Config:           base + configBlocklist(`items = { a = "alpha", d = "delta" }`+"\n"+`regex_items = { b = "BETA" }`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(blocklistName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("regex_items").AtMapKey("b"), knownvalue.StringExact("BETA")),
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("items"), knownvalue.MapSizeExact(2)),
				},
				Check: func(*terraform.State) error {
					for what, want := range map[[2]string]int{
						{http.MethodPost, "/deleteRaiBlocklistItems"}: 1, {http.MethodPost, "/addRaiBlocklistItems"}: 1,
						{http.MethodPut, "/raiBlocklistItems/b"}: 1, {http.MethodPut, "/raiBlocklists/words?"}: 0,
					} {
						if got := countRequests(env, what[0], what[1]); got != want {
							return fmt.Errorf("%s %s: %d requests, want %d", what[0], what[1], got, want)
						}
					}
					return nil
				},
			},
			{
				Config:           base + configBlocklist(`description = "Now described"`+"\n"+`items = { a = "alpha", d = "delta" }`+"\n"+`regex_items = { b = "BETA" }`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(blocklistName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("description"), knownvalue.StringExact("Now described")),
				},
			},
			{
				// An empty map (and no regex_items) manages no item: every managed one is deleted.
				Config:            base + configBlocklist(`items = {}`),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("items"), knownvalue.MapSizeExact(0))},
				Check: func(*terraform.State) error {
					if n := itemCount(env, name); n != 0 {
						return fmt.Errorf("%d items left", n)
					}
					return nil
				},
			},
		},
	})
}

func TestRAIBlocklistResource_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name) + configBlocklist(`items = { a = "alpha", b = "beta" }`)
	blocklist := env.AccountID("rg-foundry", name) + "/raiBlocklists/words"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				// An item deleted out of band is added again.
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(blocklist+"/raiBlocklistItems/a", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(blocklistName, plancheck.ResourceActionUpdate)}},
				Check:            func(*terraform.State) error { return env.Server.DeleteOutOfBand(blocklist, false) },
				// The blocklist deleted out of band is created again, with its items.
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(blocklistName, plancheck.ResourceActionCreate)}},
				Check: func(*terraform.State) error {
					if n := itemCount(env, name); n != 2 {
						return fmt.Errorf("%d items, want 2", n)
					}
					return nil
				},
			},
		},
	})
}

// A blocklist's items and item resources never fight: the blocklist ignores items it does not list, and neither adds
// a name the blocklist already has.
func TestRAIBlocklistResource_itemsAndItemResources(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: base + configBlocklist(`items = { a = "alpha" }`) + configItem("b", "beta"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("items"), knownvalue.MapSizeExact(1)),
					statecheck.ExpectKnownValue(itemName, tfjsonpath.New("pattern"), knownvalue.StringExact("beta")),
				},
				Check: func(*terraform.State) error {
					if n := itemCount(env, name); n != 2 {
						return fmt.Errorf("%d items, want 2", n)
					}
					return nil
				},
			},
			{
				// The blocklist may not take over an item another resource owns.
				Config:      base + configBlocklist(`items = { a = "alpha" }`+"\n"+`regex_items = { B = "beta" }`) + configItem("b", "beta"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Blocklist items already exist.*items named B`),
			},
			{
				Config:      base + configBlocklist(`items = { a = "alpha" }`+"\n"+`regex_items = { A = "alpha+" }`) + configItem("b", "beta"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Item name used twice`),
			},
			{
				// Nor may an item resource take one of the blocklist's.
				Config:      base + configBlocklist(`items = { a = "alpha" }`) + configItem("b", "beta") + strings.ReplaceAll(configItem("a", "x"), `"test"`, `"second"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`RAI blocklist item already exists`),
			},
		},
	})
}

func TestRAIBlocklistItemResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name) + configBlocklist("")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: base + configItem("falcon", "falcon"),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(itemName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(itemName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name)+"/raiBlocklists/words/raiBlocklistItems/falcon")),
					statecheck.ExpectKnownValue(itemName, tfjsonpath.New("is_regex"), knownvalue.Bool(false)),
					// The blocklist without items manages none.
					statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("items"), knownvalue.Null()),
				},
			},
			{ResourceName: itemName, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				Config:           base + strings.Replace(configItem("falcon", "falcon ?(one|1)"), "}\n", "  is_regex = true\n}\n", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(itemName, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(itemName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(itemName, tfjsonpath.New("is_regex"), knownvalue.Bool(true)),
				},
			},
			{
				Config: base + configItem("falcon", "falcon"),
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", name)+"/raiBlocklists/words/raiBlocklistItems/falcon", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           base + configItem("falcon", "falcon"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(itemName, plancheck.ResourceActionCreate)}},
			},
			{
				Config:        base + configItem("falcon", "falcon"),
				ResourceName:  itemName,
				ImportState:   true,
				ImportStateId: env.AccountID("rg-foundry", name) + "/raiBlocklists/words",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*raiBlocklistItems/\{item\}`),
			},
		},
	})
}

// A blocklist of 2,000 items plans and applies in seconds: one PUT of the blocklist and 20 batches of 100, and the
// refresh reads the items in 20 pages. Adding one item later is one batch.
func TestRAIBlocklistResource_thousandsOfItems(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	const n = 2000
	base := env.ProviderBlock("") + configAccount(name)
	items := func(n int) string { // range makes at most 1,024 values
		var parts []string
		for lo := 0; lo < n; lo += 1000 {
			parts = append(parts, fmt.Sprintf(`{ for i in range(%d, %d) : format("term-%%04d", i) => "blocked term ${i}" }`, lo, min(lo+1000, n)))
		}
		return "items = merge(" + strings.Join(parts, ", ") + ")"
	}
	var started time.Time
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: base,
				Check: func(*terraform.State) error {
					env.Server.ResetRequests()
					started = time.Now()
					return nil
				},
			},
			{
				Config:            base + configBlocklist(items(n)),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(blocklistName, tfjsonpath.New("items"), knownvalue.MapSizeExact(n))},
				Check: func(*terraform.State) error {
					elapsed := time.Since(started)
					adds := countRequests(env, http.MethodPost, "/addRaiBlocklistItems")
					puts := countRequests(env, http.MethodPut, "/raiBlocklistItems/")
					pages := countRequests(env, http.MethodGet, "/raiBlocklistItems")
					t.Logf("%d items: plan + apply + refresh %.2fs, %d requests in all: %d batch adds, %d item PUTs, %d item list pages",
						n, elapsed.Seconds(), len(env.Server.Requests()), adds, puts, pages)
					if adds != n/100 || puts != 0 {
						return fmt.Errorf("%d batch adds and %d item PUTs, want %d and 0", adds, puts, n/100)
					}
					if got := itemCount(env, name); got != n {
						return fmt.Errorf("%d items, want %d", got, n)
					}
					env.Server.ResetRequests()
					return nil
				},
			},
			{
				Config: base + configBlocklist(items(n+1)),
				Check: func(*terraform.State) error {
					if adds, dels := countRequests(env, http.MethodPost, "/addRaiBlocklistItems"), countRequests(env, http.MethodPost, "/deleteRaiBlocklistItems"); adds != 1 || dels != 0 {
						return fmt.Errorf("adding one item took %d batch adds and %d batch deletes", adds, dels)
					}
					return nil
				},
			},
		},
	})
}

func countRequests(env *acctest.Env, method, fragment string) int {
	n := 0
	for _, r := range env.Server.Requests() {
		if r.Method == method && strings.Contains(r.Path+"?"+r.Query, fragment) && r.Status < 400 {
			n++
		}
	}
	return n
}

// itemCount is how many items the blocklist words of the account has in the emulator.
func itemCount(env *acctest.Env, account string) int {
	n, _ := env.Server.CountRAIBlocklistItems(env.AccountID("rg-foundry", account) + "/raiBlocklists/words")
	return n
}

func configAccount(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
}
`, name)
}

// configBlocklist is foundry_rai_blocklist.test named "words"; body adds arguments.
func configBlocklist(body string) string {
	return fmt.Sprintf(`
resource "foundry_rai_blocklist" "test" {
  account_id = foundry_account.test.id
  name       = "words"
  %s
}
`, body)
}

func configItem(name, pattern string) string {
	return fmt.Sprintf(`
resource "foundry_rai_blocklist_item" "test" {
  blocklist_id = foundry_rai_blocklist.test.id
  name         = %q
  pattern      = %q
}
`, name, pattern)
}
