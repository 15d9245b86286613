namespace Tenancy.Events;

/// <summary>A change to one tenant, published by writable stores (or, for <see cref="TenantChangeKind.Reset"/>, to all of them).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TenantId">The id of the tenant (<see cref="AllTenants"/> for a reset).</param>
/// <param name="Previous">The tenant before the change (<see langword="null"/> when added or unknown).</param>
/// <param name="Current">The tenant after the change (<see langword="null"/> when removed or unknown).</param>
public sealed record TenantChange(TenantChangeKind Kind, string TenantId, TenantInfo? Previous, TenantInfo? Current)
{
    /// <summary>The <see cref="TenantId"/> of a <see cref="TenantChangeKind.Reset"/>: not a valid tenant id, so it matches no tenant.</summary>
    public const string AllTenants = "*";

    /// <summary>Prefixes an API key id in the <see cref="Keys"/> of an <see cref="TenantChangeKind.AccessChanged"/> change.</summary>
    public const string ApiKeyPrefix = "apikey:";

    /// <summary>Prefixes a user id in the <see cref="Keys"/> of an <see cref="TenantChangeKind.AccessChanged"/> change.</summary>
    public const string MemberPrefix = "member:";

    /// <summary>
    /// The instance that made the change: <see langword="null"/> for a change made in this process; a backplane sets it
    /// to the sending instance's id when it delivers another instance's change (which then carries no
    /// <see cref="Previous"/>/<see cref="Current"/>, only <see cref="Keys"/>). Backplanes forward only changes without an origin.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>
    /// Identifiers and domains the change touched (before and after), for a change that arrives without
    /// <see cref="Previous"/>/<see cref="Current"/>; caches drop entries under these keys (including "no such tenant" entries).
    /// </summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>Whether the change came from another instance through a backplane.</summary>
    public bool IsRemote => Origin is not null;

    /// <summary>A change of a tenant's API keys or members (<see cref="TenantChangeKind.AccessChanged"/>).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="key">The changed key (<see cref="ApiKeyPrefix"/> or <see cref="MemberPrefix"/> + id), or <see langword="null"/> for all of the tenant's.</param>
    /// <returns>The change.</returns>
    public static TenantChange AccessChanged(string tenantId, string? key = null) =>
        new(TenantChangeKind.AccessChanged, tenantId, null, null) { Keys = key is null ? [] : [key] };

    /// <summary>A change that tells every subscriber to drop everything it derived from any tenant (a backplane reconnected and may have missed changes).</summary>
    /// <param name="origin">The backplane instance that lost changes, or <see langword="null"/>.</param>
    /// <returns>The change.</returns>
    public static TenantChange Reset(string? origin = null) => new(TenantChangeKind.Reset, AllTenants, null, null) { Origin = origin };

    /// <summary>Returns the identifiers and domains named by <see cref="Previous"/>, <see cref="Current"/> and <see cref="Keys"/>, without duplicates.</summary>
    /// <returns>The keys.</returns>
    public IReadOnlyList<string> AllKeys()
    {
        var keys = new HashSet<string>(Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var tenant in (ReadOnlySpan<TenantInfo?>)[Previous, Current])
        {
            if (tenant is not null)
            {
                keys.Add(tenant.Identifier);
                keys.UnionWith(tenant.Domains);
            }
        }

        return [.. keys];
    }
}
