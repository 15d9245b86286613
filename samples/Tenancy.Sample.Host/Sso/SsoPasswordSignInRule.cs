using Tenancy.Sample.Host.Auth;
using Tenancy.Sso;

namespace Tenancy.Sample.Host.Sso;

/// <summary>Refuses password sign-in to a tenant whose identity provider is enforced (<see cref="TenantSsoSettings.SsoEnforced"/>).</summary>
public sealed class SsoPasswordSignInRule(TenantSsoService sso) : IPasswordSignInRule
{
    /// <inheritdoc />
    public async ValueTask<string?> CheckAsync(SampleUser user, TenantInfo? tenant, CancellationToken cancellationToken) =>
        tenant is null || await sso.IsPasswordSignInAllowedAsync(tenant.Id, cancellationToken)
            ? null
            : $"{tenant.Name} signs in through its identity provider: use {tenant.Identifier}'s single sign-on at /signin.";
}
