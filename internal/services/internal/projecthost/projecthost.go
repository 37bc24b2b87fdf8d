// Package projecthost creates and deletes project capability hosts, for foundry_project_capability_host and for
// foundry_agent_standard_setup, which creates one as its last step and deletes it first.
package projecthost

import (
	"context"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/locks"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
)

// Body is the body of a project capability host with one connection of each kind (the standard setup).
func Body(vectorStore, storage, threadStorage string) client.ProjectCapabilityHost {
	return client.ProjectCapabilityHost{Properties: &client.ProjectCapabilityHostProperties{
		VectorStoreConnections: []string{vectorStore}, StorageConnections: []string{storage}, ThreadStorageConnections: []string{threadStorage},
	}}
}

// Create PUTs a project capability host under the account's lock and waits for it. An existing host of
// the same name and body is taken as is (the PUT is idempotent); another name in the project is refused before the
// PUT. started runs once the PUT is accepted, so callers can save the ID before the long wait.
func Create(ctx context.Context, api *client.Client, id client.ProjectCapabilityHostID, body client.ProjectCapabilityHost, started func()) (client.ProjectCapabilityHost, error) {
	unlock, err := locks.Hold(ctx, id.ProjectID.AccountID.String())
	if err != nil {
		return client.ProjectCapabilityHost{}, err
	}
	defer unlock()
	hosts, err := api.ListProjectCapabilityHosts(ctx, id.ProjectID)
	if err != nil {
		return client.ProjectCapabilityHost{}, err
	}
	for _, h := range hosts {
		if other := framework.Deref(h.Name); !strings.EqualFold(other, id.Name) {
			return client.ProjectCapabilityHost{}, &TakenError{Existing: id.ProjectID.String() + "/capabilityHosts/" + other}
		}
	}
	poller, err := api.BeginCreateOrUpdateProjectCapabilityHost(ctx, id, body)
	if err != nil {
		return client.ProjectCapabilityHost{}, err
	}
	if started != nil {
		started()
	}
	return client.Wait(ctx, api, poller)
}

// Delete deletes a project capability host and waits until a read no longer finds it, so that what it
// references (connections, role assignments, the account host) can go next.
func Delete(ctx context.Context, api *client.Client, id client.ProjectCapabilityHostID) error {
	unlock, err := locks.Hold(ctx, id.ProjectID.AccountID.String())
	if err != nil {
		return err
	}
	defer unlock()
	return crud.Delete(ctx, api, id, api.BeginDeleteProjectCapabilityHost, api.GetProjectCapabilityHost, "project capability host")
}

// TakenError is Create's refusal of a second host in a project: Azure allows one per project.
type TakenError struct{ Existing string }

func (e *TakenError) Error() string {
	return "the project already has the capability host " + e.Existing
}
