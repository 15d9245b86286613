namespace Tenancy.Resolution.Strategies;

/// <summary>
/// Finds the tenant in the host. A host that matches the template (<c>{tenant}.example.com</c>) names a tenant by
/// identifier; any other well-formed host is tried as a custom domain and, when no tenant has it, resolution moves on.
/// Ports are ignored; IP literals and reserved subdomains (<c>www</c>) name no tenant; malformed hosts are rejected.
/// </summary>
public sealed class HostTenantStrategy : ITenantResolutionStrategy
{
    private const string Placeholder = "{tenant}";
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly bool _customDomains;

    /// <summary>Creates the strategy.</summary>
    /// <param name="template">A host template with exactly one <c>{tenant}</c> label, such as <c>{tenant}.example.com</c>.</param>
    /// <param name="customDomains">Whether hosts outside the template are looked up as custom domains.</param>
    public HostTenantStrategy(string template, bool customDomains = true)
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
    /// <remarks>
    /// One pass over the host's characters (a vectorised search for anything that is not a letter, digit, hyphen or
    /// dot), then the first label; when the rest is the template's domain (valid by construction) nothing else is checked.
    /// </remarks>
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

        if (host.IsEmpty || host.Length > TenantDomain.MaxLength || !TenantKeySyntax.HasOnlyHostChars(host))
        {
            return TenantCandidate.Malformed;
        }

        var firstDot = host.IndexOf('.');
        var first = firstDot < 0 ? host : host[..firstDot];
        if (!TenantKeySyntax.IsLabel(first))
        {
            return TenantCandidate.Malformed;
        }

        // The rest of the host is the template's domain (valid by construction) or has to be checked label by label.
        var rest = firstDot < 0 ? default : host[firstDot..];
        var inTemplate = rest.Length == _suffix.Length && rest.Equals(_suffix, StringComparison.OrdinalIgnoreCase);
        if (!inTemplate && !rest.IsEmpty && !TenantKeySyntax.AreLabels(rest[1..]))
        {
            return TenantCandidate.Malformed;
        }

        if (inTemplate && first.Length > _prefix.Length && first.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase))
        {
            // A label of a valid host name is a well-formed identifier (letters, digits, inner hyphens, ≤ 63).
            var label = first[_prefix.Length..];
            return TenantKeySyntax.BuiltInReserved.Contains(label)
                ? TenantCandidate.None
                : TenantCandidate.Known(TenantKeyKind.Identifier, label, TenantCandidateMode.Required, TenantCandidate.CandidateTraits.Validated);
        }

        if (!_customDomains || host.EndsWith(_suffix, StringComparison.OrdinalIgnoreCase) || TenantKeySyntax.IsNumeric(host))
        {
            return TenantCandidate.None;
        }

        return TenantCandidate.Known(TenantKeyKind.Domain, host, TenantCandidateMode.IfKnown, TenantCandidate.CandidateTraits.Validated);
    }
}
