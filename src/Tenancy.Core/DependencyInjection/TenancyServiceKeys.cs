namespace Tenancy;

/// <summary>Keys of keyed services that Tenancy registers.</summary>
public static class TenancyServiceKeys
{
    /// <summary>The store that decorators (such as the cache) wrap.</summary>
    public const string InnerStore = "Tenancy.InnerStore";
}
