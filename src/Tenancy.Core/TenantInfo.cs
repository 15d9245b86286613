using System.Collections.Frozen;

namespace Tenancy;

/// <summary>
/// An immutable description of one tenant. Create changed copies with <c>with</c>:
/// <code>var suspended = tenant with { Status = TenantStatus.Suspended };</code>
/// Every property validates its value, so a <see cref="TenantInfo"/> that exists is well formed.
/// </summary>
public sealed record TenantInfo
{
    /// <summary>Creates a tenant description.</summary>
    /// <param name="id">The stable id (see <see cref="TenantId"/>).</param>
    /// <param name="identifier">The slug used in subdomains, paths and headers (see <see cref="TenantIdentifier"/>).</param>
    /// <param name="name">The display name.</param>
    public TenantInfo(string id, string identifier, string name)
    {
        Id = id;
        Identifier = identifier;
        Name = name;
    }

    /// <summary>The stable id. Never changes for the life of the tenant; used as the partition key for data.</summary>
    public string Id
    {
        get;
        init => field = TenantId.Validate(value);
    }

    /// <summary>The slug used in subdomains, paths and headers. Lowercase; unique across tenants; not a reserved word.</summary>
    public string Identifier
    {
        get;
        init => field = TenantIdentifier.Validate(value);
    }

    /// <summary>The display name.</summary>
    public string Name
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            if (value.Length > 200)
            {
                throw new ArgumentException("A tenant name is at most 200 characters.", nameof(value));
            }

            if (value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || value.Contains('\u007f', StringComparison.Ordinal))
            {
                throw new ArgumentException("A tenant name cannot contain control characters.", nameof(value));
            }

            field = value;
        }
    }

    /// <summary>The lifecycle status. Defaults to <see cref="TenantStatus.Active"/>.</summary>
    public TenantStatus Status
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown tenant status.");
    } = TenantStatus.Active;

    /// <summary>The billing plan name, if any.</summary>
    public string? Plan { get; init; }

    /// <summary>The region the tenant's data lives in, if any.</summary>
    public string? Region { get; init; }

    /// <summary>Custom domains that resolve to this tenant, lowercase and unique across tenants.</summary>
    public IReadOnlyList<string> Domains
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var copy = new string[value.Count];
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = TenantDomain.Normalize(value[i]);
            }

            field = copy.Distinct(StringComparer.Ordinal).ToArray();
        }
    } = [];

    /// <summary>Free-form metadata (feature flags, connection names, external ids). Keys are case-sensitive.</summary>
    public IReadOnlyDictionary<string, string> Properties
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value.ToFrozenDictionary(StringComparer.Ordinal);
        }
    } = FrozenDictionary<string, string>.Empty;

    /// <summary>Whether the tenant may be served (its <see cref="Status"/> is <see cref="TenantStatus.Active"/>).</summary>
    public bool IsActive => Status == TenantStatus.Active;

    /// <inheritdoc />
    public bool Equals(TenantInfo? other) =>
        other is not null
        && Id == other.Id
        && Identifier == other.Identifier
        && Name == other.Name
        && Status == other.Status
        && Plan == other.Plan
        && Region == other.Region
        && Domains.SequenceEqual(other.Domains)
        && Properties.Count == other.Properties.Count
        && Properties.All(p => other.Properties.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Identifier, Status);
}
