using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.AspNetCore.Secrets;
using Tenancy.Secrets;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds tenant secrets encrypted with ASP.NET Core Data Protection.</summary>
public static class TenantSecretsBuilderExtensions
{
    /// <summary>
    /// Adds <c>AddSecrets()</c> (Core) with values encrypted by ASP.NET Core Data Protection, a purpose per secret kind and
    /// tenant. Configure where the key ring lives with <c>services.AddDataProtection()</c>: every instance must share the
    /// key ring and the application name (<c>SetApplicationName</c>), or the secrets another instance stored do not decrypt.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddTenantSecrets(this TenancyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSecrets();
        builder.Services.AddDataProtection();
        builder.Services.TryAddSingleton<ITenantSecretProtector, DataProtectionTenantSecretProtector>();
        return builder;
    }
}
