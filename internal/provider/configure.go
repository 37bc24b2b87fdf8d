package provider

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/journal"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

// httpSubsystem is the tflog subsystem that carries HTTP traffic (TF_LOG_PROVIDER_FOUNDRY_AZURE sets its level).
const httpSubsystem = "azure"

func (p *foundryProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	s, probs := resolveSettings(m, p.getenv)
	for _, pr := range probs {
		resp.Diagnostics.Append(diagnostics.InvalidProviderConfig(pr.Path, pr.Detail))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "auth_method", string(s.Method))
	tflog.Debug(ctx, "Authenticating to Azure")

	cred, err := newCredential(s, p.transport)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.ProviderSetup("Building the "+string(s.Method)+" credential failed", err))
		return
	}
	c, err := client.New(client.Options{
		Credential:            cred,
		Cloud:                 s.Cloud,
		ProjectAudience:       s.ProjectAudience,
		Transport:             p.transport,
		UserAgent:             "terraform-provider-foundry/" + p.version + " terraform/" + req.TerraformVersion,
		Log:                   logHTTP,
		LogBodies:             os.Getenv("FOUNDRY_LOG_HTTP_BODIES") != "",
		DisableRPRegistration: s.SkipProviderRegistration,
		CredentialAdvice:      credentialAdvice(s),
		CoalesceWindow:        coalesceWindow(p.getenv),
	})
	if err != nil {
		resp.Diagnostics.Append(diagnostics.ProviderSetup("Building the Azure client failed", err))
		return
	}
	data := providerdata.New(c, s.SubscriptionID, providerdata.Features{
		PurgeSoftDeleteOnDestroy: s.PurgeSoftDeleteOnDestroy,
		RecoverSoftDeleted:       s.RecoverSoftDeleted,
	}, s.Waits)
	data.Journal = journal.Open(p.getenv, time.Now)
	data.Run = framework.CLIRun()
	if s.Method != authCLI {
		data.ClientID = s.ClientID
	}
	if data.Destroying = framework.Destroying(p.getenv); data.Destroying {
		tflog.Info(ctx, "The Terraform command destroys: plan-time checks are off, so that no check of an object being created blocks the destroy")
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
}

// logHTTP routes the client's HTTP log into the "azure" tflog subsystem; the client has already masked secrets,
// and the field mask is a second line of defence.
func logHTTP(ctx context.Context, msg string, fields map[string]any) {
	ctx = tflog.NewSubsystem(ctx, httpSubsystem)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, httpSubsystem, "authorization", "Authorization")
	tflog.SubsystemTrace(ctx, httpSubsystem, msg, fields)
}

// coalesceWindow reads FOUNDRY_COALESCE_READS: "off" (or "false", "0") makes every refresh read a GET of its own; a
// duration ("10s") sets how long a parent's list answers its children's reads; unset, client.DefaultCoalesceWindow.
func coalesceWindow(getenv func(string) string) time.Duration {
	v := strings.TrimSpace(getenv("FOUNDRY_COALESCE_READS"))
	switch strings.ToLower(v) {
	case "":
		return 0
	case "off", "false", "0":
		return -1
	}
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return d
	}
	return 0
}
