namespace Tenancy.Storage;

/// <summary>A page of physical keys from a backend.</summary>
/// <param name="Objects">The objects, with physical keys, in ordinal order.</param>
/// <param name="IsTruncated">Whether more objects follow.</param>
internal sealed record BackendPage(IReadOnlyList<ObjectInfo> Objects, bool IsTruncated);
