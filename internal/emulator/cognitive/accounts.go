package cognitive

import (
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

const (
	softDeleteRetention = 48 * time.Hour
	kindAIServices      = "AIServices"
)

// aiServicesSkus are the sku names accepted for kind AIServices; other kinds accept any sku name.
var aiServicesSkus = []string{"F0", "S0"}

// accountReadOnlyProps are server-maintained account properties that clients may send but cannot set.
var accountReadOnlyProps = []string{
	"endpoint", "endpoints", "internalId", "capabilities", "isMigrated", "skuChangeInfo", "privateEndpointConnections",
	"dateCreated", "callRateLimit", "quotaLimit", "deletionDate", "scheduledPurgeDate", "commitmentPlanAssociations",
	"abusePenalty", "associatedProjects",
}

var subdomainPattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}[a-zA-Z0-9]$`)

// prepareAccount applies the account's own rules: location, kind, sku and identity, then either a restore of a
// soft-deleted account or the subdomain rules.
func prepareAccount(c *call, w *write) *arm.Error {
	doc, ex := w.doc, w.existing
	props := propsOf(doc)
	restore, _ := props["restore"].(bool)
	delete(props, "restore")
	for _, k := range accountReadOnlyProps {
		delete(props, k)
	}
	loc, e := prepareLocation(doc, armTypeAccount)
	if e != nil {
		return e
	}
	if e := checkKindAndSku(doc, ex); e != nil {
		return e
	}
	if e := prepareIdentity(doc); e != nil {
		return e
	}
	if ex == nil {
		if e := c.checkRestore(w, loc, restore); e != nil || w.restore != nil {
			return e
		}
	}
	return c.checkSubdomain(doc, ex)
}

// checkKindAndSku requires a kind the service offers (that does not change, kinds.go) and a sku name (one of the
// AIServices skus for that kind).
func checkKindAndSku(doc map[string]any, ex *resource) *arm.Error {
	kind, _ := doc["kind"].(string)
	if kind == "" {
		return arm.Errorf(http.StatusBadRequest, codeKindRequired, "The 'kind' property is required for resource type '%s'.", armTypeAccount)
	}
	if e := checkKind(kind, ex); e != nil {
		return e
	}
	sku, _ := doc["sku"].(map[string]any)
	skuName, _ := sku["name"].(string)
	if skuName == "" {
		return arm.Errorf(http.StatusBadRequest, codeSkuRequired, "The 'sku.name' property is required.")
	}
	if strings.EqualFold(kind, kindAIServices) && !containsFoldString(aiServicesSkus, skuName) {
		return arm.Errorf(http.StatusBadRequest, codeInvalidSkuName, "The sku '%s' is not supported for kind '%s'. Supported skus are: %s.", skuName, kind, strings.Join(aiServicesSkus, ", "))
	}
	return nil
}

// checkRestore decides what a create does with a soft-deleted account of the same name: restore: true brings it
// back (w.restore), otherwise it is a conflict until purged.
func (c *call) checkRestore(w *write, loc string, restore bool) *arm.Error {
	del := c.st.deleted[lower(deletedAccountID(w.sub.ID, loc, w.group.Name, w.names[0]))]
	switch {
	case del != nil && !restore:
		return arm.Errorf(http.StatusConflict, codeFlagMustBeSet,
			"An existing resource with ID '%s' has been soft-deleted. To restore the resource, you must specify 'restore' to be 'true' in the property. If you don't want to restore existing resource, please purge it first.", del.id)
	case restore && del == nil:
		return arm.Errorf(http.StatusBadRequest, codeNothingToRestore,
			"Cannot restore account '%s': no soft-deleted account with this name exists in resource group '%s' and location '%s'.", w.names[0], w.group.Name, loc)
	case restore:
		w.restore = del
	}
	return nil
}

// checkSubdomain applies the custom subdomain rules: set once, valid, globally unique (soft-deleted accounts keep
// theirs), and required for project management and network ACLs.
func (c *call) checkSubdomain(doc map[string]any, ex *resource) *arm.Error {
	props := propsOf(doc)
	sd, _ := props["customSubDomainName"].(string)
	if ex != nil {
		if exSd := subdomainOf(ex); exSd != "" && !strings.EqualFold(exSd, sd) {
			return arm.Errorf(http.StatusBadRequest, codeSubdomainUpdate,
				"The customSubDomainName of account '%s' is '%s' and cannot be changed to '%s'. Custom subdomain names cannot be changed once set.", ex.name(), exSd, sd)
		}
	}
	if sd != "" {
		if !subdomainPattern.MatchString(sd) {
			return arm.Errorf(http.StatusBadRequest, codeInvalidSubdomain, "Sub domain name '%s' is not valid.", sd)
		}
		if owner := c.subdomainOwner(sd, ex); owner != nil {
			return arm.Errorf(http.StatusConflict, codeCustomDomainInUse,
				"Custom domain name '%s' is already in use by another resource (%s). Custom domain names are globally unique and stay reserved by soft-deleted accounts for 48 hours unless the account is purged.", sd, owner.describeForConflict())
		}
	}
	if apm, _ := props["allowProjectManagement"].(bool); apm {
		if !hasManagedIdentity(doc) {
			return arm.Errorf(http.StatusBadRequest, codeIdentityRequired, "A managed identity is required when 'allowProjectManagement' is true. Set identity.type to 'SystemAssigned' or 'UserAssigned'.")
		}
		if sd == "" {
			return arm.Errorf(http.StatusBadRequest, codeSubdomainRequired, "A customSubDomainName is required when 'allowProjectManagement' is true.")
		}
	}
	if acls, ok := props["networkAcls"]; ok && acls != nil && sd == "" {
		return arm.Errorf(http.StatusBadRequest, codeSubdomainRequired, "A customSubDomainName is required to configure networkAcls.")
	}
	return nil
}

// prepareLocation validates and normalises location for a tracked resource (a change of location is refused before,
// by the specification check: location is create-only).
func prepareLocation(doc map[string]any, typ string) (string, *arm.Error) {
	loc, _ := doc["location"].(string)
	if loc == "" {
		return "", arm.Errorf(http.StatusBadRequest, codeLocationRequired, "The location property is required for this definition.")
	}
	n := arm.NormaliseRegion(loc)
	if !arm.KnownRegion(n) {
		return "", arm.Errorf(http.StatusBadRequest, codeLocationNotAvailable,
			"The provided location '%s' is not available for resource type '%s'. List of available regions for the resource type is '%s'.", loc, typ, strings.Join(arm.RegionNames(), ","))
	}
	doc["location"] = n
	return n, nil
}

func subdomainOf(r *resource) string {
	sd, _ := r.props()["customSubDomainName"].(string)
	return sd
}

// subdomainOwner finds a live or soft-deleted account, other than self, holding sd.
func (c *call) subdomainOwner(sd string, self *resource) *resource {
	for _, r := range c.st.resources {
		if r.typ.kind == kindAccount && r != self && strings.EqualFold(subdomainOf(r), sd) {
			return r
		}
	}
	for _, r := range c.st.deleted {
		if strings.EqualFold(subdomainOf(r), sd) {
			return r
		}
	}
	return nil
}

func (r *resource) describeForConflict() string {
	if !r.deletedAt.IsZero() {
		return "a soft-deleted account; purge it or wait until " + r.purgeAt.Format(time.RFC3339)
	}
	return "an existing account"
}

func deletedAccountID(sub, loc, group, name string) string {
	return "/subscriptions/" + sub + "/providers/" + providerNamespace + "/locations/" + loc + "/resourceGroups/" + group + "/deletedAccounts/" + name
}

func decorateAccount(s *Service, r *resource, out map[string]any) {
	props := propsOf(out)
	loc, _ := r.doc["location"].(string)
	if sd := lower(subdomainOf(r)); sd != "" {
		props["endpoint"] = s.url + "/cs/" + sd + "/"
		props["endpoints"] = map[string]any{
			"AI Foundry API":                     s.url + "/ai/" + sd + "/",
			"OpenAI Language Model Instance API": s.url + "/openai/" + sd + "/",
			"OpenAI Dall-E API":                  s.url + "/openai/" + sd + "/",
			"Azure AI Model Inference API":       s.url + "/ai/" + sd + "/models",
			"Content Safety":                     s.url + "/cs/" + sd + "/",
			"Speech Services Speech to Text":     s.url + "/cs/" + sd + "/speech/stt",
		}
	} else {
		props["endpoint"] = s.url + "/cs/regional/" + loc + "/"
		props["endpoints"] = map[string]any{"Cognitive Services API": s.url + "/cs/regional/" + loc + "/"}
	}
	props["internalId"] = r.internalID
	props["dateCreated"] = r.createdAt.Format(arm.TimeFormat)
	props["isMigrated"] = false
	props["capabilities"] = []map[string]any{{"name": "VirtualNetworks"}, {"name": "CustomerManagedKey"}, {"name": "MaxFineTuneCount", "value": "100"}}
	if projects := s.st.children(r, kindProject); len(projects) > 0 && r.deletedAt.IsZero() {
		names := make([]string, len(projects))
		for i, p := range projects {
			names[i] = p.name()
		}
		props["associatedProjects"] = names
		props["defaultProject"] = defaultProjectName(s, r)
	}
	decorateIdentity(s, r, out)
	if !r.deletedAt.IsZero() {
		out["id"] = r.deletedID
		props["deletionDate"] = r.deletedAt.Format(arm.TimeFormat)
		props["scheduledPurgeDate"] = r.purgeAt.Format(arm.TimeFormat)
	}
}

// softDeleteAccount moves a deleted account (and drops its children) into the soft-deleted store.
func softDeleteAccount(s *Service, r *resource, now time.Time) {
	r.heldQuota = s.deploymentQuota(r)
	for _, ch := range s.st.children(r, kindAny) {
		delete(s.st.resources, lower(ch.id))
	}
	delete(s.st.resources, lower(r.id))
	loc, _ := r.doc["location"].(string)
	r.deletedID = deletedAccountID(r.sub, loc, r.group, r.name())
	r.deletedAt, r.purgeAt = now, now.Add(softDeleteRetention)
	r.setProvisioningState("Succeeded")
	delete(r.props(), "defaultProject")
	s.st.deleted[lower(r.deletedID)] = r
}

// purgeDeletedLocked removes a soft-deleted account for good and runs the purge hooks.
func (s *Service) purgeDeletedLocked(key string, now time.Time) {
	r := s.st.deleted[key]
	if r == nil {
		return
	}
	delete(s.st.deleted, key)
	for _, h := range r.typ.purged {
		h(s, r, now)
	}
}

func listKeys(c *call, r *resource) *arm.Error {
	if dl, _ := r.props()["disableLocalAuth"].(bool); dl {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "Failed to list key. disableLocalAuth is set to be true")
	}
	wire.WriteJSON(c.W, http.StatusOK, map[string]any{"key1": r.keys[0], "key2": r.keys[1]})
	return nil
}

func regenerateKey(c *call, r *resource) *arm.Error {
	if dl, _ := r.props()["disableLocalAuth"].(bool); dl {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "Failed to regenerate key. disableLocalAuth is set to be true")
	}
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	// keyName is Key1 or Key2: the specification check refuses anything else (BadRequest, as the service answers).
	if name, _ := body["keyName"].(string); name == "Key2" {
		r.keys[1] = wire.RandomHex(16)
	} else {
		r.keys[0] = wire.RandomHex(16)
	}
	return listKeys(c, r)
}

func containsFoldString(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
