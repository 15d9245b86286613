namespace Tenancy.Scim.Resources;

/// <summary>One page of a list request.</summary>
/// <param name="TotalResults">How many resources match the filter.</param>
/// <param name="Resources">The resources of this page.</param>
public sealed record ScimPage(int TotalResults, IReadOnlyList<ScimResource> Resources);
