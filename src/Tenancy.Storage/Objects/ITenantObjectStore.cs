using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Objects;

/// <summary>
/// The current tenant's objects. Every key is relative to the tenant: the store keeps it under
/// <c>{root prefix}/{tenant id}/{key}</c>, and callers never see or build that prefix. The tenant comes from
/// <see cref="ICurrentTenant"/>; with none set every member throws <see cref="TenantNotResolvedException"/>.
/// Keys are validated (see <see cref="ObjectKey"/>) and rejected with <see cref="InvalidObjectKeyException"/>.
/// </summary>
public interface ITenantObjectStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any object there. Streams; large content is uploaded in parts.</summary>
    /// <param name="key">The tenant-relative key.</param>
    /// <param name="content">The content, read once to its end.</param>
    /// <param name="options">Content type and metadata.</param>
    /// <param name="cancellationToken">Cancels the upload; a cancelled or failed upload leaves the previous object as it was.</param>
    /// <returns>The stored object's description.</returns>
    Task<ObjectInfo> PutAsync(string key, Stream content, ObjectPutOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens an object (or a byte range of it) for reading. Throws <see cref="ObjectNotFoundException"/> when it does not exist.</summary>
    /// <param name="key">The tenant-relative key.</param>
    /// <param name="range">The range to read, or <see langword="null"/> for all of it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The open object; dispose it.</returns>
    Task<ObjectDownload> GetAsync(string key, ObjectRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Describes an object, or returns <see langword="null"/> when it does not exist.</summary>
    /// <param name="key">The tenant-relative key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The description, with content type and metadata.</returns>
    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Returns whether an object exists.</summary>
    /// <param name="key">The tenant-relative key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Lists the tenant's objects whose keys start with <paramref name="prefix"/>, one page at a time, in key order.</summary>
    /// <param name="prefix">A key prefix (may end with <c>/</c>), or <see langword="null"/> for all.</param>
    /// <param name="continuationToken">The previous page's token, or <see langword="null"/> for the first page. Tokens are bound to the tenant.</param>
    /// <param name="pageSize">At most this many objects (1 to 1000).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    Task<ObjectListing> ListAsync(string? prefix = null, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default);

    /// <summary>Copies an object within the tenant. Throws <see cref="ObjectNotFoundException"/> when the source does not exist.</summary>
    /// <param name="sourceKey">The tenant-relative source key.</param>
    /// <param name="destinationKey">The tenant-relative destination key.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The copy's description.</returns>
    Task<ObjectInfo> CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object.</summary>
    /// <param name="key">The tenant-relative key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when an object was deleted, <see langword="false"/> when there was none.</returns>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes several objects (missing ones are ignored). Every key is validated before anything is deleted.</summary>
    /// <param name="keys">The tenant-relative keys.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How many keys were submitted for deletion.</returns>
    Task<int> DeleteManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Creates a URL that lets its holder GET or PUT one object of the current tenant until it expires.</summary>
    /// <param name="key">The tenant-relative key.</param>
    /// <param name="method">What the URL allows.</param>
    /// <param name="expiresIn">How long it is valid (1 second to 7 days).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The URL.</returns>
    Task<Uri> GetPresignedUrlAsync(string key, PresignedUrlMethod method, TimeSpan expiresIn, CancellationToken cancellationToken = default);
}
