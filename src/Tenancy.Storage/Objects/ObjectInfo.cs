namespace Tenancy.Storage.Objects;

/// <summary>What the store knows about one object.</summary>
/// <param name="Key">The key, relative to the tenant (never includes the root prefix or tenant id).</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="ETag">The entity tag, without quotes (an MD5 of the content, or S3's multipart form <c>md5-parts</c>).</param>
/// <param name="LastModified">When the object was last written.</param>
/// <param name="ContentType">The content type, when known (listings do not carry it).</param>
/// <param name="Metadata">User metadata with lowercase names; empty in listings.</param>
public sealed record ObjectInfo(
    string Key,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata);
