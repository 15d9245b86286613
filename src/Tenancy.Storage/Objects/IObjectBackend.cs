namespace Tenancy.Storage;

/// <summary>
/// A storage backend that works on full ("physical") keys such as <c>tenants/acme/report.pdf</c>. Only
/// <see cref="TenantObjectStore"/>, the usage/purge service and the migration use it; they build every physical key.
/// </summary>
internal interface IObjectBackend
{
    /// <summary>A short name for telemetry ("s3", "disk").</summary>
    string Name { get; }

    /// <summary>The longest key segment the backend can store, in UTF-8 bytes.</summary>
    int MaxSegmentUtf8Bytes { get; }

    Task<ObjectInfo> PutAsync(string key, Stream content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Returns <see langword="null"/> when the object does not exist.</summary>
    Task<ObjectDownload?> GetAsync(string key, ObjectRange? range, CancellationToken cancellationToken);

    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Objects whose keys start with <paramref name="prefix"/> and sort after <paramref name="startAfter"/>, in ordinal key order.</summary>
    Task<BackendPage> ListAsync(string prefix, string? startAfter, int pageSize, CancellationToken cancellationToken);

    /// <summary>Returns <see langword="null"/> when the source does not exist.</summary>
    Task<ObjectInfo?> CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    Task DeleteManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    Task<Uri> GetPresignedUrlAsync(string key, PresignedUrlMethod method, TimeSpan expiresIn, CancellationToken cancellationToken);
}
