using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Tenancy;

/// <summary>
/// Serves <see cref="IOptions{TOptions}"/> and <see cref="IOptionsSnapshot{TOptions}"/> from the per-tenant cache, so both
/// answer with the current tenant's values (built once per tenant and name, rebuilt after the tenant changes).
/// Registered by <c>services.ConfigurePerTenant&lt;TOptions&gt;(…)</c>.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <param name="factory">Builds options while a tenant is current.</param>
/// <param name="cache">The per-tenant cache.</param>
public sealed class TenantOptionsManager<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IOptionsFactory<TOptions> factory, TenantOptionsCache<TOptions> cache) : IOptionsSnapshot<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public TOptions Value => Get(Microsoft.Extensions.Options.Options.DefaultName);

    /// <inheritdoc />
    public TOptions Get(string? name) => cache.GetOrCreate(name, factory);
}
