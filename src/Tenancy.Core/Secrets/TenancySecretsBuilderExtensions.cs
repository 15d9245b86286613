using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.Lifecycle;
using Tenancy.Secrets;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the tenant secret store (<see cref="TenantSecretService"/>) to a <see cref="TenancyBuilder"/>.</summary>
public static class TenancySecretsBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="TenantSecretService"/> and the offboarding step that deletes a tenant's secrets. Values are kept in an
    /// <see cref="InMemoryTenantSecretStore"/> unless another <see cref="ITenantSecretStore"/> is registered
    /// (<c>AddEntityFrameworkSsoStores&lt;TContext&gt;()</c>). An <see cref="ITenantSecretProtector"/> is needed too:
    /// <c>AddTenantSecrets()</c> from Tenancy.AspNetCore adds one on ASP.NET Core Data Protection.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddSecrets(this TenancyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ITenantSecretStore, InMemoryTenantSecretStore>();
        builder.Services.TryAddSingleton<TenantSecretService>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<TenantLifecycleStep, TenantSecretsLifecycleStep>());
        return builder;
    }
}
