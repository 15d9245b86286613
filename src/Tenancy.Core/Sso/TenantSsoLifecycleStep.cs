using Tenancy.Lifecycle;

namespace Tenancy.Sso;

/// <summary>Offboarding: removes the tenant's identity provider and external logins, so its tokens stop working. Added by <c>AddSso()</c>.</summary>
internal sealed class TenantSsoLifecycleStep(TenantSsoService sso)
    : RevokeCredentialsLifecycleStep("sso", "Remove the identity provider and external logins", sso.DeleteAsync);
