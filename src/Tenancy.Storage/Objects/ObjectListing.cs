namespace Tenancy.Storage.Objects;

/// <summary>One page of a listing.</summary>
/// <param name="Objects">The objects, in ascending key order, with tenant-relative keys.</param>
/// <param name="ContinuationToken">Pass it to the next call for the next page; <see langword="null"/> on the last page.</param>
public sealed record ObjectListing(IReadOnlyList<ObjectInfo> Objects, string? ContinuationToken);
