using Tenancy.Lifecycle;

namespace Tenancy.ApiKeys;

/// <summary>Offboarding: deletes every API key of the tenant (revoking them at once in this process). Added by <c>AddApiKeys()</c>.</summary>
internal sealed class TenantApiKeysLifecycleStep(TenantApiKeyService keys)
    : RevokeCredentialsLifecycleStep("apikeys", "Revoke and delete every API key", keys.DeleteAllAsync);
