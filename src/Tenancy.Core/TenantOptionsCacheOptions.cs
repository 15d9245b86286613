using System.ComponentModel.DataAnnotations;

namespace Tenancy;

/// <summary>Bounds the per-tenant options caches (one cache per options type).</summary>
public sealed class TenantOptionsCacheOptions
{
    /// <summary>
    /// The most (tenant, name) entries one options type keeps. When a new entry would go past it, the cache starts over
    /// (entries are rebuilt on demand), so memory stays bounded however many tenants are served. 10,000 by default.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxEntries { get; set; } = 10_000;
}
