using Tenancy.Lifecycle;

namespace Tenancy.Secrets;

/// <summary>Offboarding: deletes every secret of the tenant. Added by <c>AddSecrets()</c>.</summary>
internal sealed class TenantSecretsLifecycleStep(TenantSecretService secrets) : TenantLifecycleStep
{
    public override string Name => "secrets";

    public override bool Handles(TenantLifecycleStage stage) => stage == TenantLifecycleStage.RevokeCredentials;

    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => $"Delete every secret of tenant '{tenant?.Id}'.";

    public override Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return secrets.DeleteAllAsync(context.Tenant.Id, cancellationToken);
    }
}
