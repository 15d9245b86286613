using Tenancy;
using Tenancy.Scim.DependencyInjection;
using Tenancy.Scim.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Tenancy.Scim to a Tenancy builder.</summary>
public static class ScimServiceCollectionExtensions
{
    /// <summary>
    /// Adds a SCIM 2.0 server per tenant. Choose the store (<c>scim.UseEntityFrameworkStore&lt;AppDb&gt;()</c>) and map
    /// the endpoints with <c>app.MapScim("/scim/v2")</c>.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Chooses the store and settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="TenancyConfigurationException">No store was chosen.</exception>
    public static TenancyBuilder AddTenancyScim(this TenancyBuilder builder, Action<ScimBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var scim = new ScimBuilder(builder.Services);
        configure(scim);
        if (!builder.Services.Any(d => d.ServiceType == typeof(IScimStore)))
        {
            throw new TenancyConfigurationException("AddTenancyScim needs a store: call scim.UseEntityFrameworkStore<TContext>() or scim.UseStore<TStore>().");
        }

        scim.AddCore();
        return builder;
    }
}
