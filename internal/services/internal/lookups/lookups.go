// Package lookups reads, at plan, what the plan-time checks of several services need from Azure, through the
// provider's memo (providerdata.Remember): one request per object and plan, however many resources ask. It also
// answers for the parents this plan creates (providerdata.Planned), so a child's checks run before anything is
// written even when its account or project is new.
package lookups

import (
	"context"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

// TTL bounds how long a look-up is reused: long enough for one plan of many resources, short enough that a long-lived
// provider (or the apply walk) does not check against a stale listing for long.
const TTL = time.Minute

// namesTTL is shorter for connection names: they change as the apply walk creates connections.
const namesTTL = 30 * time.Second

// Account reads an account (404 when it does not exist yet).
func Account(ctx context.Context, d *providerdata.Data, id client.AccountID) (client.Account, error) {
	return providerdata.Remember(ctx, d.Memo, "account|"+id.String(), TTL, func(ctx context.Context) (client.Account, error) {
		return d.Client.GetAccount(ctx, id)
	})
}

// Project reads a project (404 when it does not exist yet).
func Project(ctx context.Context, d *providerdata.Data, id client.ProjectID) (client.Project, error) {
	return providerdata.Remember(ctx, d.Memo, "project|"+id.String(), TTL, func(ctx context.Context) (client.Project, error) {
		return d.Client.GetProject(ctx, id)
	})
}

// Deployments lists an account's deployments.
func Deployments(ctx context.Context, d *providerdata.Data, account client.AccountID) ([]client.Deployment, error) {
	return providerdata.Remember(ctx, d.Memo, "deployments|"+account.String(), TTL, func(ctx context.Context) ([]client.Deployment, error) {
		return d.Client.ListDeployments(ctx, account)
	})
}

// RoleDefinitions lists the role definitions assignable at scope. A scope this plan creates does not exist yet:
// then its nearest existing ancestor (account, resource group, subscription) answers, whose assignable roles include
// those of the scope but for custom roles limited to it.
func RoleDefinitions(ctx context.Context, d *providerdata.Data, scope string) ([]client.RoleDefinition, error) {
	for s := strings.TrimSuffix(scope, "/"); ; s = parentScope(s) {
		defs, err := providerdata.Remember(ctx, d.Memo, "role-definitions|"+s, TTL, func(ctx context.Context) ([]client.RoleDefinition, error) {
			return d.Client.ListRoleDefinitions(ctx, s, "")
		})
		if !client.IsNotFound(err) || parentScope(s) == s {
			return defs, err
		}
	}
}

// parentScope is scope without its last resource: a project's account, an account's resource group, a resource
// group's subscription; a subscription is its own parent.
func parentScope(scope string) string {
	parts := strings.Split(strings.Trim(scope, "/"), "/")
	switch {
	case len(parts) <= 2:
		return scope
	case len(parts) <= 4: // subscriptions/{s}/resourceGroups/{g}
		return "/" + strings.Join(parts[:2], "/")
	case len(parts) <= 8: // .../providers/{ns}/{type}/{name}
		return "/" + strings.Join(parts[:4], "/")
	}
	return "/" + strings.Join(parts[:len(parts)-2], "/")
}

// Provider reads a resource provider's registration, with the locations of its resource types.
func Provider(ctx context.Context, d *providerdata.Data, namespace string) (client.ResourceProvider, error) {
	return providerdata.Remember(ctx, d.Memo, "provider|"+d.SubscriptionID+"|"+namespace, TTL, func(ctx context.Context) (client.ResourceProvider, error) {
		return d.Client.GetResourceProvider(ctx, d.SubscriptionID, namespace)
	})
}

// ResourceGroups lists the names of the subscription's resource groups.
func ResourceGroups(ctx context.Context, d *providerdata.Data) ([]string, error) {
	return providerdata.Remember(ctx, d.Memo, "resource-groups|"+d.SubscriptionID, TTL, func(ctx context.Context) ([]string, error) {
		groups, err := d.Client.ListResourceGroups(ctx, d.SubscriptionID)
		names := make([]string, 0, len(groups))
		for _, g := range groups {
			names = append(names, framework.Deref(g.Name))
		}
		return names, err
	})
}

// ConnectionNames maps every connection name of an account, its own and its projects', lower-cased, to the
// connection's ID: connection names are unique across the account.
func ConnectionNames(ctx context.Context, d *providerdata.Data, account client.AccountID) (map[string]string, error) {
	return providerdata.Remember(ctx, d.Memo, "connection-names|"+account.String(), namesTTL, func(ctx context.Context) (map[string]string, error) {
		return connectionNames(ctx, d.Client, account)
	})
}

func connectionNames(ctx context.Context, api *client.Client, account client.AccountID) (map[string]string, error) {
	out := map[string]string{}
	add := func(conns []client.Connection, scopeID string) {
		for _, c := range conns {
			if c.Name == nil {
				continue
			}
			id := scopeID + "/connections/" + *c.Name
			if c.ID != nil {
				id = *c.ID
			}
			out[strings.ToLower(*c.Name)] = id
		}
	}
	conns, err := api.ListAccountConnections(ctx, account, client.ListConnectionsOptions{})
	if err != nil {
		return nil, err
	}
	add(conns, account.String())
	projects, err := api.ListProjects(ctx, account)
	if err != nil {
		return nil, err
	}
	for _, p := range projects {
		if p.Name == nil {
			continue
		}
		pid := client.NewProjectID(account, *p.Name)
		conns, err := api.ListProjectConnections(ctx, pid, client.ListConnectionsOptions{})
		if client.IsNotFound(err) {
			continue // deleted meanwhile
		}
		if err != nil {
			return nil, err
		}
		add(conns, pid.String())
	}
	return out, nil
}
