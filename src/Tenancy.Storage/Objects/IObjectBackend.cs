using Tenancy.Storage.Exceptions;

namespace Tenancy.Storage.Objects;

/// <summary>
/// A storage backend (local disk, or S3 in <c>Tenancy.Storage.S3</c>) that works on full ("physical") keys such as
/// <c>tenants/acme/report.pdf</c>. Only <see cref="ITenantObjectStore"/>, the usage/purge service and the migration call
/// it, and they build every physical key (validated, under the tenant's prefix): a backend never sees a key from a
/// caller. Plug one in with <see cref="TenancyStorageBuilder.UseBackend"/>. A backend reports a missing object with
/// <see langword="null"/>/<see langword="false"/> as documented per member, and any other failure by throwing; the store
/// turns those failures into <see cref="ObjectStorageException"/>s.
/// </summary>
public interface IObjectBackend
{
    /// <summary>A short name for telemetry ("s3", "disk").</summary>
    string Name { get; }

    /// <summary>The longest key segment the backend can store, in UTF-8 bytes.</summary>
    int MaxSegmentUtf8Bytes { get; }

    /// <summary>Writes an object (replacing any object under the key) and describes what was stored.</summary>
    /// <param name="key">The physical key.</param>
    /// <param name="content">The content, read once, forward.</param>
    /// <param name="contentType">The validated content type.</param>
    /// <param name="metadata">Validated user metadata with lowercase names.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write leaves no partial object.</param>
    /// <returns>The stored object, with its physical key.</returns>
    Task<ObjectInfo> PutAsync(string key, Stream content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Opens an object, or the requested range of it.</summary>
    /// <param name="key">The physical key.</param>
    /// <param name="range">The byte range, or <see langword="null"/> for the whole object.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The download, or <see langword="null"/> when the object does not exist.</returns>
    Task<ObjectDownload?> GetAsync(string key, ObjectRange? range, CancellationToken cancellationToken);

    /// <summary>Describes an object without its content.</summary>
    /// <param name="key">The physical key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The description, or <see langword="null"/> when the object does not exist.</returns>
    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Objects whose keys start with <paramref name="prefix"/> and sort after <paramref name="startAfter"/>, in ordinal key order.</summary>
    /// <param name="prefix">The physical key prefix.</param>
    /// <param name="startAfter">The last physical key of the previous page, or <see langword="null"/>.</param>
    /// <param name="pageSize">The most objects to return.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One page.</returns>
    Task<BackendPage> ListAsync(string prefix, string? startAfter, int pageSize, CancellationToken cancellationToken);

    /// <summary>Copies an object with its content type and metadata.</summary>
    /// <param name="sourceKey">The physical key of the source.</param>
    /// <param name="destinationKey">The physical key of the copy.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The copy, or <see langword="null"/> when the source does not exist.</returns>
    Task<ObjectInfo?> CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken);

    /// <summary>Deletes an object.</summary>
    /// <param name="key">The physical key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether the object existed.</returns>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes objects; keys that do not exist are ignored.</summary>
    /// <param name="keys">The physical keys.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when every object is gone.</returns>
    Task DeleteManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>A URL that lets its holder read or write one object until it expires, without credentials.</summary>
    /// <param name="key">The physical key.</param>
    /// <param name="method">Read or write.</param>
    /// <param name="expiresIn">How long the URL is valid.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The URL.</returns>
    Task<Uri> GetPresignedUrlAsync(string key, PresignedUrlMethod method, TimeSpan expiresIn, CancellationToken cancellationToken);
}
