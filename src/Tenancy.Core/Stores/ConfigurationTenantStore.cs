using Tenancy.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Tenancy.Events;

namespace Tenancy.Stores;

/// <summary>
/// A read-only store bound from a configuration section, reloaded whenever the configuration changes.
/// The section is a list or a dictionary of tenants:
/// <code>
/// "Tenancy": { "Tenants": [
///   { "Id": "t-1", "Identifier": "acme", "Name": "Acme Ltd", "Status": "Active", "Plan": "pro",
///     "Region": "eu", "Domains": [ "acme.com" ], "Properties": { "Color": "red" } } ] }
/// </code>
/// In the dictionary form the key is the identifier when <c>Identifier</c> is absent. <c>Name</c> defaults to the
/// identifier and <c>Status</c> to <c>Active</c>. Invalid configuration at construction throws
/// <see cref="TenancyConfigurationException"/>; an invalid reload (duplicates, malformed identifiers) is logged
/// and the previous tenants stay in place. Every difference a reload brings is published through
/// <see cref="ITenantChangeNotifier"/>, so caches and per-tenant options follow.
/// </summary>
public sealed class ConfigurationTenantStore : ITenantStore, ITenantSpanLookup, IDisposable
{
    private readonly IConfiguration _section;
    private readonly InMemoryTenantStore _tenants;
    private readonly ILogger _logger;
    private readonly IDisposable _reloadRegistration;

    /// <summary>Creates the store and loads the section.</summary>
    /// <param name="section">The configuration section that lists the tenants (for example <c>Tenancy:Tenants</c>).</param>
    /// <param name="notifier">Receives a change for every difference a reload brings; <see langword="null"/> for none.</param>
    /// <param name="logger">Logs invalid reloads.</param>
    /// <exception cref="TenancyConfigurationException">The section does not describe a valid set of tenants.</exception>
    public ConfigurationTenantStore(IConfiguration section, ITenantChangeNotifier? notifier = null, ILogger<ConfigurationTenantStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        _section = section;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (!TryRead(section, out var tenants, out var error))
        {
            throw new TenancyConfigurationException($"The tenant configuration{DescribeSection(section)} is invalid: {error}");
        }

        _tenants = new InMemoryTenantStore(tenants, notifier);
        _reloadRegistration = ChangeToken.OnChange(section.GetReloadToken, Reload);
    }

    /// <summary>The number of tenants currently loaded.</summary>
    public int Count => _tenants.Count;

    /// <summary>
    /// Reads tenants from a configuration section without throwing.
    /// </summary>
    /// <param name="section">The section.</param>
    /// <param name="tenants">The tenants when the section is valid.</param>
    /// <param name="error">Why the section is invalid, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the section describes a valid set of tenants.</returns>
    public static bool TryRead(IConfiguration section, out IReadOnlyList<TenantInfo> tenants, out string? error)
    {
        ArgumentNullException.ThrowIfNull(section);
        var list = new List<TenantInfo>();
        tenants = list;
        error = null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var identifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            TenantInfo tenant;
            try
            {
                tenant = ReadTenant(child);
            }
            catch (Exception ex) when (ex is TenancyException or ArgumentException or FormatException)
            {
                error = $"tenant '{child.Key}': {ex.Message}";
                return false;
            }

            if (!ids.Add(tenant.Id))
            {
                error = $"tenant '{child.Key}': the id '{tenant.Id}' is used twice.";
                return false;
            }

            if (!identifiers.Add(tenant.Identifier))
            {
                error = $"tenant '{child.Key}': the identifier '{tenant.Identifier}' is used twice.";
                return false;
            }

            foreach (var domain in tenant.Domains)
            {
                if (!domains.Add(domain))
                {
                    error = $"tenant '{child.Key}': the domain '{domain}' is used twice.";
                    return false;
                }
            }

            list.Add(tenant);
        }

        return true;
    }

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) => _tenants.FindByIdAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) => _tenants.FindByIdentifierAsync(identifier, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) => _tenants.FindByDomainAsync(domain, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) => _tenants.ListAsync(request, cancellationToken);

    /// <inheritdoc />
    public bool TryFindById(ReadOnlySpan<char> id, out TenantInfo? tenant) => _tenants.TryFindById(id, out tenant);

    /// <inheritdoc />
    public bool TryFindByIdentifier(ReadOnlySpan<char> identifier, out TenantInfo? tenant) => _tenants.TryFindByIdentifier(identifier, out tenant);

    /// <inheritdoc />
    public bool TryFindByDomain(ReadOnlySpan<char> domain, out TenantInfo? tenant) => _tenants.TryFindByDomain(domain, out tenant);

    /// <summary>Stops following configuration changes.</summary>
    public void Dispose() => _reloadRegistration.Dispose();

    private void Reload()
    {
        if (!TryRead(_section, out var tenants, out var error))
        {
            Log.ConfigurationReloadRejected(_logger, DescribeSection(_section), error!);
            return;
        }

        _tenants.ReplaceAll(tenants);
        Log.ConfigurationReloaded(_logger, tenants.Count);
    }

    private static TenantInfo ReadTenant(IConfigurationSection child)
    {
        var isList = int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        var identifier = child["Identifier"] ?? (isList ? null : child.Key)
            ?? throw new FormatException("'Identifier' is missing.");
        var id = child["Id"] ?? throw new FormatException("'Id' is missing.");
        var status = TenantStatus.Active;
        if (child["Status"] is { } statusText
            && (!Enum.TryParse(statusText, ignoreCase: true, out status) || !Enum.IsDefined(status) || int.TryParse(statusText, out _)))
        {
            throw new FormatException($"'{statusText}' is not a tenant status (Active, Pending, Suspended or Archived).");
        }

        var domains = new List<string>();
        foreach (var domain in child.GetSection("Domains").GetChildren())
        {
            domains.Add(domain.Value ?? throw new FormatException("A domain is empty."));
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in child.GetSection("Properties").GetChildren())
        {
            properties[property.Key] = property.Value ?? string.Empty;
        }

        return new TenantInfo(id, identifier, child["Name"] ?? identifier)
        {
            Status = status,
            Plan = child["Plan"],
            Region = child["Region"],
            Domains = domains,
            Properties = properties,
        };
    }

    internal static string DescribeSection(IConfiguration section) =>
        section is IConfigurationSection named ? $" at '{named.Path}'" : string.Empty;
}
