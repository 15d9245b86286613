using Tenancy.Lifecycle;

namespace Tenancy.Secrets;

/// <summary>Offboarding: deletes every secret of the tenant. Added by <c>AddSecrets()</c>.</summary>
internal sealed class TenantSecretsLifecycleStep(TenantSecretService secrets)
    : RevokeCredentialsLifecycleStep("secrets", "Delete every secret", secrets.DeleteAllAsync);
