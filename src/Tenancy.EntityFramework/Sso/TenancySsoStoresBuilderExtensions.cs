using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.EntityFramework.Sso;
using Tenancy.Secrets;
using Tenancy.Sso;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps SSO providers, external logins and encrypted tenant secrets in EF Core.</summary>
public static class TenancySsoStoresBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="EfTenantSsoStore{TContext}"/> and <see cref="EfTenantSecretStore{TContext}"/> in
    /// <typeparamref name="TContext"/>, whose model must call <c>ApplyTenancySso()</c> and which must be registered with an
    /// <see cref="IDbContextFactory{TContext}"/>. Call it before <c>AddTenantSso()</c>/<c>AddTenantSecrets()</c> or after: it replaces the in-memory stores.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddEntityFrameworkSsoStores<TContext>(this TenancyBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ITenantSsoStore, EfTenantSsoStore<TContext>>());
        builder.Services.Replace(ServiceDescriptor.Singleton<ITenantSecretStore, EfTenantSecretStore<TContext>>());
        return builder;
    }
}
