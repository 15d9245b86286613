namespace Tenancy;

/// <summary>Keys of keyed services that Tenancy registers.</summary>
internal static class TenancyServiceKeys
{
    /// <summary>The store that decorators (such as the cache) wrap.</summary>
    public const string InnerStore = "Tenancy.InnerStore";

    /// <summary>
    /// A store shared by the instances of the application (a second-level cache such as Redis) that sits between the
    /// in-process cache and <see cref="InnerStore"/>; when registered, the in-process cache and <see cref="Stores.ITenantStore"/>
    /// read through it.
    /// </summary>
    public const string SharedCacheStore = "Tenancy.SharedCacheStore";
}
