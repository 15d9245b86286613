namespace Tenancy.Storage.Objects;

/// <summary>A page of physical keys from an <see cref="IObjectBackend"/>.</summary>
/// <param name="Objects">The objects, with physical keys, in ordinal order.</param>
/// <param name="IsTruncated">Whether more objects follow.</param>
public sealed record BackendPage(IReadOnlyList<ObjectInfo> Objects, bool IsTruncated);
