package standardsetup

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const idSuffix = "/agentStandardSetup"

type setupModel struct {
	ID                     types.String   `tfsdk:"id"`
	ProjectID              types.String   `tfsdk:"project_id"`
	StorageAccountID       types.String   `tfsdk:"storage_account_id"`
	CosmosDBAccountID      types.String   `tfsdk:"cosmos_db_account_id"`
	SearchServiceID        types.String   `tfsdk:"search_service_id"`
	StorageConnectionName  types.String   `tfsdk:"storage_connection_name"`
	CosmosDBConnectionName types.String   `tfsdk:"cosmos_db_connection_name"`
	SearchConnectionName   types.String   `tfsdk:"search_connection_name"`
	CapabilityHostName     types.String   `tfsdk:"capability_host_name"`
	AdditionalPrincipalIDs types.Set      `tfsdk:"additional_principal_ids"`
	ProjectGUID            types.String   `tfsdk:"project_guid"`
	ProjectPrincipalID     types.String   `tfsdk:"project_principal_id"`
	CapabilityHostID       types.String   `tfsdk:"capability_host_id"`
	RoleAssignmentIDs      types.Map      `tfsdk:"role_assignment_ids"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
}

// setupIDs are the parsed ARM IDs a setup works on.
type setupIDs struct {
	project client.ProjectID
	storage client.StorageAccountID
	cosmos  client.CosmosAccountID
	search  client.SearchServiceID
}

func parseSetupIDs(m setupModel) (setupIDs, error) {
	var ids setupIDs
	var err error
	if ids.project, err = client.ParseProjectID(m.ProjectID.ValueString()); err != nil {
		return ids, err
	}
	if ids.storage, err = client.ParseStorageAccountID(m.StorageAccountID.ValueString()); err != nil {
		return ids, err
	}
	if ids.cosmos, err = client.ParseCosmosAccountID(m.CosmosDBAccountID.ValueString()); err != nil {
		return ids, err
	}
	ids.search, err = client.ParseSearchServiceID(m.SearchServiceID.ValueString())
	return ids, err
}

// parseImportID parses "<project ID>/agentStandardSetup".
func parseImportID(s string) (client.ProjectID, error) {
	if !strings.HasSuffix(strings.ToLower(s), strings.ToLower(idSuffix)) {
		return client.ProjectID{}, fmt.Errorf("%q does not end in %s", s, idSuffix)
	}
	return client.ParseProjectID(s[:len(s)-len(idSuffix)])
}

// projectGUID formats a project's internalId (32 hex digits) 8-4-4-4-12, as the samples do.
func projectGUID(internalID string) string {
	s := strings.ReplaceAll(strings.ToLower(internalID), "-", "")
	if len(s) != 32 {
		return internalID
	}
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

func (r *setupResource) newSetup(m setupModel) (*setup, error) {
	ids, err := parseSetupIDs(m)
	if err != nil {
		return nil, err
	}
	s := &setup{
		api: r.Data.Client, waits: r.Data.Waits, ids: ids, hostName: m.CapabilityHostName.ValueString(), roleIDs: map[string]string{},
		names:     connectionNames{storage: m.StorageConnectionName.ValueString(), cosmos: m.CosmosDBConnectionName.ValueString(), search: m.SearchConnectionName.ValueString()},
		principal: m.ProjectPrincipalID.ValueString(), guid: m.ProjectGUID.ValueString(),
	}
	if !m.RoleAssignmentIDs.IsNull() && !m.RoleAssignmentIDs.IsUnknown() {
		for k, v := range m.RoleAssignmentIDs.Elements() {
			if sv, ok := v.(types.String); ok {
				s.roleIDs[k] = sv.ValueString()
			}
		}
	}
	return s, nil
}

func (s *setup) record(m *setupModel) {
	m.ProjectPrincipalID = types.StringValue(s.principal)
	m.ProjectGUID = types.StringValue(s.guid)
	ids, _ := types.MapValueFrom(context.Background(), types.StringType, s.roleIDs)
	m.RoleAssignmentIDs = ids
}

func additionalPrincipals(ctx context.Context, m setupModel) ([]string, diag.Diagnostics) {
	var out []string
	if m.AdditionalPrincipalIDs.IsNull() || m.AdditionalPrincipalIDs.IsUnknown() {
		return nil, nil
	}
	d := m.AdditionalPrincipalIDs.ElementsAs(ctx, &out, false)
	return out, d
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
