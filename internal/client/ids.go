package client

import (
	"fmt"
	"net/url"
	"strings"
)

const providerNamespace = "Microsoft.CognitiveServices"

// AccountID identifies a Microsoft.CognitiveServices/accounts resource.
type AccountID struct {
	SubscriptionID    string
	ResourceGroupName string
	Name              string
}

// NewAccountID returns the ID of the account name in the given subscription and resource group.
func NewAccountID(subscriptionID, resourceGroupName, name string) AccountID {
	return AccountID{SubscriptionID: subscriptionID, ResourceGroupName: resourceGroupName, Name: name}
}

var accountShape = idShape{
	what:    "an account ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1",
}

// ParseAccountID parses an account resource ID; keywords match case-insensitively and names keep their casing.
func ParseAccountID(s string) (AccountID, error) {
	n, err := accountShape.parse(s)
	if err != nil {
		return AccountID{}, err
	}
	return AccountID{SubscriptionID: n[0], ResourceGroupName: n[1], Name: n[2]}, nil
}

// String returns the canonical ARM ID.
func (id AccountID) String() string {
	return accountShape.format(false, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

func (id AccountID) path() string {
	return accountShape.format(true, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// Deleted returns the ID the account has while it is soft-deleted in location.
func (id AccountID) Deleted(location string) DeletedAccountID {
	return DeletedAccountID{SubscriptionID: id.SubscriptionID, Location: location, ResourceGroupName: id.ResourceGroupName, Name: id.Name}
}

// DeletedAccountID identifies a soft-deleted account; it carries the location the account lived in.
type DeletedAccountID struct {
	SubscriptionID    string
	Location          string
	ResourceGroupName string
	Name              string
}

var deletedAccountShape = idShape{
	what:    "a deleted account ID",
	pattern: []string{"subscriptions", "", "providers", providerNamespace, "locations", "", "resourceGroups", "", "deletedAccounts", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.CognitiveServices/locations/eastus/resourceGroups/rg1/deletedAccounts/account1",
}

// ParseDeletedAccountID parses the ID of a soft-deleted account.
func ParseDeletedAccountID(s string) (DeletedAccountID, error) {
	n, err := deletedAccountShape.parse(s)
	if err != nil {
		return DeletedAccountID{}, err
	}
	return DeletedAccountID{SubscriptionID: n[0], Location: n[1], ResourceGroupName: n[2], Name: n[3]}, nil
}

// String returns the canonical ARM ID.
func (id DeletedAccountID) String() string {
	return deletedAccountShape.format(false, id.SubscriptionID, id.Location, id.ResourceGroupName, id.Name)
}

func (id DeletedAccountID) path() string {
	return deletedAccountShape.format(true, id.SubscriptionID, id.Location, id.ResourceGroupName, id.Name)
}

// Account returns the ID the account had before it was deleted (and has again once recovered).
func (id DeletedAccountID) Account() AccountID {
	return NewAccountID(id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// ProjectID identifies a Microsoft.CognitiveServices/accounts/projects resource.
type ProjectID struct {
	AccountID AccountID
	Name      string
}

// NewProjectID returns the ID of the project name under account.
func NewProjectID(account AccountID, name string) ProjectID {
	return ProjectID{AccountID: account, Name: name}
}

var projectShape = idShape{
	what:    "a project ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "projects", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/projects/project1",
}

// ParseProjectID parses a project resource ID; keywords match case-insensitively and names keep their casing.
func ParseProjectID(s string) (ProjectID, error) {
	n, err := projectShape.parse(s)
	if err != nil {
		return ProjectID{}, err
	}
	return NewProjectID(NewAccountID(n[0], n[1], n[2]), n[3]), nil
}

// Account returns the ID of the project's parent account.
func (id ProjectID) Account() AccountID {
	return id.AccountID
}

// String returns the canonical ARM ID.
func (id ProjectID) String() string {
	a := id.AccountID
	return projectShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

func (id ProjectID) path() string {
	a := id.AccountID
	return projectShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// DeploymentID identifies a Microsoft.CognitiveServices/accounts/deployments resource (a model deployment).
type DeploymentID struct {
	AccountID AccountID
	Name      string
}

// NewDeploymentID returns the ID of the deployment name under account.
func NewDeploymentID(account AccountID, name string) DeploymentID {
	return DeploymentID{AccountID: account, Name: name}
}

var deploymentShape = idShape{
	what:    "a deployment ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "deployments", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/deployments/deployment1",
}

// ParseDeploymentID parses a deployment resource ID; keywords match case-insensitively and names keep their casing.
func ParseDeploymentID(s string) (DeploymentID, error) {
	n, err := deploymentShape.parse(s)
	if err != nil {
		return DeploymentID{}, err
	}
	return NewDeploymentID(NewAccountID(n[0], n[1], n[2]), n[3]), nil
}

// Account returns the ID of the deployment's parent account.
func (id DeploymentID) Account() AccountID {
	return id.AccountID
}

// String returns the canonical ARM ID.
func (id DeploymentID) String() string {
	a := id.AccountID
	return deploymentShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

func (id DeploymentID) path() string {
	a := id.AccountID
	return deploymentShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// ResourceGroupID identifies a resource group.
type ResourceGroupID struct {
	SubscriptionID string
	Name           string
}

var resourceGroupShape = idShape{
	what:    "a resource group ID",
	pattern: []string{"subscriptions", "", "resourceGroups", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1",
}

// parseResourceGroupID parses a resource group ID.
func parseResourceGroupID(s string) (ResourceGroupID, error) {
	n, err := resourceGroupShape.parse(s)
	if err != nil {
		return ResourceGroupID{}, err
	}
	return ResourceGroupID{SubscriptionID: n[0], Name: n[1]}, nil
}

// String returns the canonical ARM ID.
func (id ResourceGroupID) String() string {
	return resourceGroupShape.format(false, id.SubscriptionID, id.Name)
}

func (id ResourceGroupID) path() string {
	return resourceGroupShape.format(true, id.SubscriptionID, id.Name)
}

// idShape describes an ARM ID: pattern holds the literal segments, with "" where a name goes.
type idShape struct {
	what    string
	pattern []string
	example string
}

func (s idShape) shape() string {
	var b strings.Builder
	names := 0
	for i, p := range s.pattern {
		b.WriteByte('/')
		if p != "" {
			b.WriteString(p)
			continue
		}
		names++
		fmt.Fprintf(&b, "{%s}", strings.TrimSuffix(s.pattern[i-1], "s"))
	}
	return b.String()
}

func (s idShape) errorf(in, reason string) error {
	return fmt.Errorf("parsing %q as %s: %s; expected the shape %s, for example %s", in, s.what, reason, s.shape(), s.example)
}

// parse returns the names in order of appearance.
func (s idShape) parse(in string) ([]string, error) {
	if !strings.HasPrefix(in, "/") {
		return nil, s.errorf(in, "it must start with /")
	}
	segs := strings.Split(in[1:], "/")
	if len(segs) != len(s.pattern) {
		return nil, s.errorf(in, fmt.Sprintf("it has %d segments instead of %d", len(segs), len(s.pattern)))
	}
	var names []string
	for i, p := range s.pattern {
		switch {
		case p == "" && segs[i] == "":
			return nil, s.errorf(in, fmt.Sprintf("the %s name is empty", strings.TrimSuffix(s.pattern[i-1], "s")))
		case p == "":
			names = append(names, segs[i])
		case !strings.EqualFold(segs[i], p):
			return nil, s.errorf(in, fmt.Sprintf("segment %d is %q instead of %q", i+1, segs[i], p))
		}
	}
	return names, nil
}

// format builds the canonical ID, or with escape the URL path with each name path-escaped.
func (s idShape) format(escape bool, names ...string) string {
	var b strings.Builder
	n := 0
	for _, p := range s.pattern {
		b.WriteByte('/')
		if p != "" {
			b.WriteString(p)
			continue
		}
		v := names[n]
		n++
		if escape {
			v = url.PathEscape(v)
		}
		b.WriteString(v)
	}
	return b.String()
}
