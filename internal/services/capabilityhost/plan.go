package capabilityhost

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
)

// claimScope refuses a second capability host in one scope within this plan: Azure allows one per account and per
// project, and two in one configuration would fail with 409 Conflict only once the first exists.
func claimScope(d *providerdata.Data, scope, scopeID, name string, diags *diag.Diagnostics) {
	for _, other := range d.Planned.Claim("capability host", scopeID, name) {
		if !strings.EqualFold(other, name) {
			diags.Append(diagnostics.InvalidAttribute(path.Root("name"), fmt.Sprintf("Second capability host for the %s", scope),
				fmt.Sprintf("This configuration creates capability hosts %q and %q in %s %q, and Azure allows one capability host per %s. Keep one.",
					other, name, scope, scopeID, scope)))
			return
		}
	}
}

// checkConnections refuses connection names that name no connection the host can use: one Azure has in the account
// (for a project host: the project's own or the account's), or one this plan creates in the account. project is nil
// for an account host.
func checkConnections(ctx context.Context, d *providerdata.Data, account client.AccountID, project *client.ProjectID, m connectionsModel, diags *diag.Diagnostics) {
	names, err := lookups.ConnectionNames(ctx, d, account)
	if err != nil && !client.IsNotFound(err) {
		diags.Append(diagnostics.CheckSkipped("capability host's connections", "connections of account", account.String(), err))
		return
	}
	planned := d.Planned.Claimed("connection", account.String())
	for _, l := range []struct {
		attr string
		list types.List
	}{
		{"vector_store_connections", m.VectorStoreConnections}, {"storage_connections", m.StorageConnections},
		{"thread_storage_connections", m.ThreadStorageConnections}, {"ai_services_connections", m.AIServicesConnections},
	} {
		if l.list.IsNull() || l.list.IsUnknown() {
			continue
		}
		for i, v := range l.list.Elements() {
			s, ok := v.(types.String)
			if !ok || s.IsNull() || s.IsUnknown() {
				continue
			}
			if msg := connectionProblem(s.ValueString(), account, project, names, planned); msg != "" {
				diags.Append(diagnostics.InvalidAttribute(path.Root(l.attr).AtListIndex(i), "Connection not found", msg))
			}
		}
	}
}

// connectionProblem says why the host cannot use connection name, or "" when it can.
func connectionProblem(name string, account client.AccountID, project *client.ProjectID, names map[string]string, planned []string) string {
	owner, ok := names[strings.ToLower(name)]
	if !ok {
		for _, p := range planned {
			if strings.EqualFold(p, name) {
				return ""
			}
		}
		where := fmt.Sprintf("account %q", account.Name)
		if project != nil {
			where = fmt.Sprintf("project %q or its account %q", project.Name, account.Name)
		}
		return fmt.Sprintf("No connection named %q exists in %s, and this configuration creates none under that name. Create it first "+
			"(reference its name, e.g. foundry_project_connection.search.name, so that Terraform creates it before the capability host), or correct the name.",
			name, where)
	}
	accountLevel := strings.HasPrefix(strings.ToLower(owner), strings.ToLower(account.String()+"/connections/"))
	switch {
	case project == nil && !accountLevel:
		return fmt.Sprintf("Connection %q is %s, a project's connection; an account capability host uses the account's own connections.", name, owner)
	case project != nil && !accountLevel && !strings.HasPrefix(strings.ToLower(owner), strings.ToLower(project.String()+"/connections/")):
		return fmt.Sprintf("Connection %q is %s, a connection of another project; a project capability host uses its own project's connections "+
			"or the account's.", name, owner)
	}
	return ""
}
