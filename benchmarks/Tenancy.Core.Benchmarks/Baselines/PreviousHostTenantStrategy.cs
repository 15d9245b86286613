using Tenancy.Resolution;

namespace Tenancy.Core.Benchmarks.Baselines;

/// <summary>
/// HostTenantStrategy as it was on main before the issue-15 hot-path work (commit 161b649), for the in-process
/// comparison only. The original summary follows.
/// Finds the tenant in the host. A host that matches the template (<c>{tenant}.example.com</c>) names a tenant by
/// identifier; any other well-formed host is tried as a custom domain and, when no tenant has it, resolution moves on.
/// Ports are ignored; IP literals and reserved subdomains (<c>www</c>) name no tenant; malformed hosts are rejected.
/// </summary>
internal sealed class PreviousHostTenantStrategy : ITenantResolutionStrategy
{
    private const string Placeholder = "{tenant}";
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly bool _customDomains;

    /// <summary>Creates the strategy.</summary>
    /// <param name="template">A host template with exactly one <c>{tenant}</c> label, such as <c>{tenant}.example.com</c>.</param>
    /// <param name="customDomains">Whether hosts outside the template are looked up as custom domains.</param>
    public PreviousHostTenantStrategy(string template, bool customDomains = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        var at = template.IndexOf(Placeholder, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || template.IndexOf(Placeholder, at + 1, StringComparison.OrdinalIgnoreCase) >= 0)
        {
            throw new ArgumentException($"The host template must contain '{Placeholder}' exactly once.", nameof(template));
        }

        _prefix = template[..at].ToLowerInvariant();
        _suffix = template[(at + Placeholder.Length)..].ToLowerInvariant();
        if (_prefix.Contains('.', StringComparison.Ordinal) || (_suffix.Length > 0 && _suffix[0] != '.'))
        {
            throw new ArgumentException($"'{Placeholder}' must be a whole label of the host template, such as '{Placeholder}.example.com'.", nameof(template));
        }

        if (_suffix.Length > 0 && !TenantDomain.IsValid(_suffix.AsSpan(1)))
        {
            throw new ArgumentException("The host template's domain is not a valid host name.", nameof(template));
        }

        Template = template;
        _customDomains = customDomains;
    }

    /// <summary>The host template.</summary>
    public string Template { get; }

    /// <inheritdoc />
    public string Name => "host";

    /// <inheritdoc />
    public bool IsAuthoritativeFor(in TenantRequestView request) => false;

    /// <inheritdoc />
    public TenantCandidate GetCandidate(in TenantRequestView request)
    {
        var host = request.Host;
        if (host.IsEmpty)
        {
            return TenantCandidate.None;
        }

        if (host.Length > TenantDomain.MaxLength + 6)
        {
            return TenantCandidate.Malformed;
        }

        if (host[0] == '[')
        {
            return TenantCandidate.None; // IPv6 literal.
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            var port = host[(colon + 1)..];
            if (port.IsEmpty || port.Length > 5 || port.ContainsAnyExceptInRange('0', '9'))
            {
                return TenantCandidate.Malformed;
            }

            host = host[..colon];
        }

        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (!TenantDomain.IsValid(host))
        {
            return TenantCandidate.Malformed;
        }

        if (host.Length > _prefix.Length + _suffix.Length
            && host.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase)
            && host.EndsWith(_suffix, StringComparison.OrdinalIgnoreCase))
        {
            var label = host[_prefix.Length..^_suffix.Length];
            if (!label.Contains('.'))
            {
                // A label of a valid host name is a well-formed identifier (letters, digits, inner hyphens, ≤ 63).
                return TenantIdentifier.IsReserved(label)
                    ? TenantCandidate.None
                    : TenantCandidate.Known(TenantKeyKind.Identifier, label, TenantCandidateMode.Required, TenantCandidate.CandidateTraits.Validated);
            }
        }

        if (!_customDomains || IsIPv4(host) || host.EndsWith(_suffix, StringComparison.OrdinalIgnoreCase))
        {
            return TenantCandidate.None;
        }

        return TenantCandidate.Known(TenantKeyKind.Domain, host, TenantCandidateMode.IfKnown, TenantCandidate.CandidateTraits.Validated);
    }

    private static bool IsIPv4(ReadOnlySpan<char> host)
    {
        foreach (var c in host)
        {
            if (!(char.IsAsciiDigit(c) || c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}
