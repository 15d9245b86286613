using System.Runtime.CompilerServices;

namespace Tenancy.AspNetCore.Http;

/// <summary>
/// The path base of each tenant (<c>/identifier</c>) for the path strategy's rebasing, in a small direct-mapped cache
/// keyed by the <see cref="TenantInfo"/> instance: a hit is an array read and a reference comparison, where
/// <see cref="TenantHttpState.For"/> costs a <see cref="ConditionalWeakTable{TKey, TValue}"/> lookup. Entries are
/// immutable and replaced whole, so concurrent requests read either the old or the new entry, never a mix; a miss
/// (another tenant in the slot, or a new instance after the store changed) just builds the string again.
/// </summary>
internal sealed class TenantPathBaseCache
{
    public const int Size = 256;

    private readonly Entry?[] _entries = new Entry?[Size];

    public string Get(TenantInfo tenant)
    {
        var slot = RuntimeHelpers.GetHashCode(tenant) & (Size - 1);
        var entry = Volatile.Read(ref _entries[slot]);
        if (entry is not null && ReferenceEquals(entry.Tenant, tenant))
        {
            return entry.PathBase;
        }

        entry = new Entry(tenant, TenantHttpState.For(tenant).PathBase);
        Volatile.Write(ref _entries[slot], entry);
        return entry.PathBase;
    }

    private sealed record Entry(TenantInfo Tenant, string PathBase);
}
