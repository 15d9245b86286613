using Tenancy.Storage;
using Tenancy.Storage.Objects;

namespace Tenancy.Sample.Host.Files;

/// <summary>A file as the sample's endpoints return it.</summary>
/// <param name="Key">The tenant-relative key.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="ETag">The entity tag.</param>
/// <param name="LastModified">When it was written.</param>
/// <param name="ContentType">The content type, when known.</param>
public sealed record FileEntry(string Key, long Size, string ETag, DateTimeOffset LastModified, string? ContentType)
{
    /// <summary>Converts an object description.</summary>
    /// <param name="info">The description.</param>
    /// <returns>The entry.</returns>
    public static FileEntry From(ObjectInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new(info.Key, info.Size, info.ETag, info.LastModified, info.ContentType);
    }
}
