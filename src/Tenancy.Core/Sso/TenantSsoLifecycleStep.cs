using Tenancy.Lifecycle;

namespace Tenancy.Sso;

/// <summary>Offboarding: removes the tenant's identity provider and external logins, so its tokens stop working. Added by <c>AddSso()</c>.</summary>
internal sealed class TenantSsoLifecycleStep(TenantSsoService sso) : TenantLifecycleStep
{
    public override string Name => "sso";

    public override bool Handles(TenantLifecycleStage stage) => stage == TenantLifecycleStage.RevokeCredentials;

    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => $"Remove the identity provider and external logins of tenant '{tenant?.Id}'.";

    public override Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return sso.DeleteAsync(context.Tenant.Id, cancellationToken);
    }
}
