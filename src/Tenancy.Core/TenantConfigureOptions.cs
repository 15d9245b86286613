using Microsoft.Extensions.Options;

namespace Tenancy;

/// <summary>
/// Applies a per-tenant configuration when options are built while a tenant is current. Registered by
/// <c>services.ConfigurePerTenant&lt;TOptions&gt;(…)</c>; runs in registration order with the other <c>Configure</c> calls.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public sealed class TenantConfigureOptions<TOptions> : IConfigureNamedOptions<TOptions>
    where TOptions : class
{
    private readonly ICurrentTenant _currentTenant;
    private readonly Action<TOptions, TenantInfo> _configure;

    /// <summary>Creates the configuration.</summary>
    /// <param name="name">The options name it applies to; <see langword="null"/> for every name.</param>
    /// <param name="currentTenant">The ambient tenant.</param>
    /// <param name="configure">Configures the options for a tenant.</param>
    public TenantConfigureOptions(string? name, ICurrentTenant currentTenant, Action<TOptions, TenantInfo> configure)
    {
        ArgumentNullException.ThrowIfNull(currentTenant);
        ArgumentNullException.ThrowIfNull(configure);
        Name = name;
        _currentTenant = currentTenant;
        _configure = configure;
    }

    /// <summary>The options name it applies to; <see langword="null"/> for every name.</summary>
    public string? Name { get; }

    /// <inheritdoc />
    public void Configure(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((Name is null || string.Equals(Name, name, StringComparison.Ordinal)) && _currentTenant.Tenant is { } tenant)
        {
            _configure(options, tenant);
        }
    }

    /// <inheritdoc />
    public void Configure(TOptions options) => Configure(Microsoft.Extensions.Options.Options.DefaultName, options);
}
