using Tenancy.Lifecycle;

namespace Tenancy.ApiKeys;

/// <summary>Offboarding: deletes every API key of the tenant (revoking them at once in this process). Added by <c>AddApiKeys()</c>.</summary>
internal sealed class TenantApiKeysLifecycleStep(TenantApiKeyService keys) : TenantLifecycleStep
{
    public override string Name => "apikeys";

    public override bool Handles(TenantLifecycleStage stage) => stage == TenantLifecycleStage.RevokeCredentials;

    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => $"Revoke and delete every API key of tenant '{tenant?.Id}'.";

    public override Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return keys.DeleteAllAsync(context.Tenant.Id, cancellationToken);
    }
}
