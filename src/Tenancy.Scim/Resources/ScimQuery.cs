using Tenancy.Scim.Filters;

namespace Tenancy.Scim.Resources;

/// <summary>A list request: filter, paging and whether related resources (members/groups) are needed.</summary>
public sealed class ScimQuery
{
    /// <summary>The filter, or <see langword="null"/> for every resource.</summary>
    public ScimFilter? Filter { get; init; }

    /// <summary>The 1-based index of the first result.</summary>
    public int StartIndex { get; init; } = 1;

    /// <summary>The most results to return (0: count only).</summary>
    public int Count { get; init; } = 100;

    /// <summary>Whether to load members (groups) or groups (users).</summary>
    public bool IncludeRelated { get; init; }
}
