using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Tests;

/// <summary>A real backend that, when armed, crashes half-way through one batch delete (the first half is deleted, then it throws).</summary>
internal sealed class CrashingBackend(IObjectBackend inner) : IObjectBackend
{
    public bool CrashNextDelete { get; set; }

    public string Name => inner.Name;

    public int MaxSegmentUtf8Bytes => inner.MaxSegmentUtf8Bytes;

    public Task<ObjectInfo> PutAsync(string key, Stream content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        inner.PutAsync(key, content, contentType, metadata, cancellationToken);

    public Task<ObjectDownload?> GetAsync(string key, ObjectRange? range, CancellationToken cancellationToken) => inner.GetAsync(key, range, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Task<BackendPage> ListAsync(string prefix, string? startAfter, int pageSize, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, startAfter, pageSize, cancellationToken);

    public Task<ObjectInfo?> CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken) => inner.CopyAsync(sourceKey, destinationKey, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public async Task DeleteManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (!CrashNextDelete)
        {
            await inner.DeleteManyAsync(keys, cancellationToken);
            return;
        }

        CrashNextDelete = false;
        await inner.DeleteManyAsync(keys.Take(keys.Count / 2).ToList(), cancellationToken);
        throw new IOException("simulated crash mid-purge");
    }

    public Task<Uri> GetPresignedUrlAsync(string key, PresignedUrlMethod method, TimeSpan expiresIn, CancellationToken cancellationToken) =>
        inner.GetPresignedUrlAsync(key, method, expiresIn, cancellationToken);
}
