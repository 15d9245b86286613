using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Tenancy.Diagnostics;
using Tenancy.Storage.Diagnostics;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Objects;

/// <summary>
/// The <see cref="ITenantObjectStore"/> over a backend: resolves the ambient tenant (failing closed), validates keys,
/// builds physical keys, strips them from results, and records telemetry. Stateless, so a singleton.
/// </summary>
internal sealed class TenantObjectStore : ITenantObjectStore
{
    private readonly IObjectBackend _backend;
    private readonly TenantKeyspace _keyspace;
    private readonly ICurrentTenant _currentTenant;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;

    public TenantObjectStore(IObjectBackend backend, TenantKeyspace keyspace, ICurrentTenant currentTenant, StorageMetrics metrics, ILogger<TenantObjectStore> logger)
    {
        _backend = backend;
        _keyspace = keyspace;
        _currentTenant = currentTenant;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<ObjectInfo> PutAsync(string key, Stream content, ObjectPutOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var tenant = Tenant();
        var path = Path(tenant, key, "put");
        var contentType = ObjectMetadata.ContentType(options?.ContentType);
        var metadata = ObjectMetadata.Normalize(options?.Metadata);
        using var activity = Start("put", tenant, key);
        var source = new CallerContentStream(content);
        try
        {
            var info = await _backend.PutAsync(path, source, contentType, metadata, cancellationToken).ConfigureAwait(false);
            Done(tenant, "put", activity);
            _metrics.RecordBytesWritten(tenant, _backend.Name, info.Size);
            Log.ObjectStored(_logger, tenant, key, info.Size, _backend.Name);
            return info with { Key = key };
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "put", key, activity, ex, source.Error);
        }
    }

    public async Task<ObjectDownload> GetAsync(string key, ObjectRange? range = null, CancellationToken cancellationToken = default)
    {
        var tenant = Tenant();
        var path = Path(tenant, key, "get");
        using var activity = Start("get", tenant, key);
        try
        {
            var download = await _backend.GetAsync(path, range, cancellationToken).ConfigureAwait(false)
                ?? throw ObjectNotFoundException.ForKey(key);
            Done(tenant, "get", activity);
            return download.WithKey(key);
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "get", key, activity, ex);
        }
    }

    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var tenant = Tenant();
        var path = Path(tenant, key, "head");
        using var activity = Start("head", tenant, key);
        try
        {
            var info = await _backend.HeadAsync(path, cancellationToken).ConfigureAwait(false);
            Done(tenant, "head", activity);
            return info is null ? null : info with { Key = key };
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "head", key, activity, ex);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        await HeadAsync(key, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<ObjectListing> ListAsync(string? prefix = null, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var tenant = Tenant();
        string physicalPrefix;
        try
        {
            physicalPrefix = _keyspace.ListPrefix(tenant, prefix);
        }
        catch (InvalidObjectKeyException ex)
        {
            Log.KeyRejected(_logger, tenant, "list", ex.Error);
            _metrics.RecordOperation(tenant, "list", _backend.Name, "invalid_key");
            throw;
        }

        var tenantPrefix = _keyspace.TenantPrefix(tenant);
        var startAfter = continuationToken is null ? null : tenantPrefix + ContinuationToken.Read(tenant, continuationToken);
        using var activity = Start("list", tenant, prefix);
        try
        {
            var page = await _backend.ListAsync(physicalPrefix, startAfter, pageSize, cancellationToken).ConfigureAwait(false);
            var objects = new List<ObjectInfo>(page.Objects.Count);
            foreach (var info in page.Objects)
            {
                // Defence in depth: a backend result outside the tenant's prefix is never returned.
                if (TenantKeyspace.Relative(tenantPrefix, info.Key) is { } relative && info.Key.StartsWith(physicalPrefix, StringComparison.Ordinal))
                {
                    objects.Add(info with { Key = relative });
                }
            }

            Done(tenant, "list", activity);
            var token = page.IsTruncated && page.Objects.Count > 0
                ? ContinuationToken.Create(tenant, page.Objects[^1].Key[tenantPrefix.Length..])
                : null;
            return new ObjectListing(objects, token);
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "list", prefix, activity, ex);
        }
    }

    public async Task<ObjectInfo> CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken = default)
    {
        var tenant = Tenant();
        var source = Path(tenant, sourceKey, "copy");
        var destination = Path(tenant, destinationKey, "copy");
        using var activity = Start("copy", tenant, sourceKey);
        try
        {
            var info = await _backend.CopyAsync(source, destination, cancellationToken).ConfigureAwait(false)
                ?? throw ObjectNotFoundException.ForKey(sourceKey);
            Done(tenant, "copy", activity);
            return info with { Key = destinationKey };
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "copy", sourceKey, activity, ex);
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var tenant = Tenant();
        var path = Path(tenant, key, "delete");
        using var activity = Start("delete", tenant, key);
        try
        {
            var deleted = await _backend.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
            Done(tenant, "delete", activity);
            return deleted;
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "delete", key, activity, ex);
        }
    }

    public async Task<int> DeleteManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var tenant = Tenant();
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var path = Path(tenant, key, "delete_many");
            if (seen.Add(path))
            {
                paths.Add(path);
            }
        }

        using var activity = Start("delete_many", tenant, null);
        try
        {
            if (paths.Count > 0)
            {
                await _backend.DeleteManyAsync(paths, cancellationToken).ConfigureAwait(false);
            }

            Done(tenant, "delete_many", activity);
            return paths.Count;
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "delete_many", null, activity, ex);
        }
    }

    public async Task<Uri> GetPresignedUrlAsync(string key, PresignedUrlMethod method, TimeSpan expiresIn, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expiresIn, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expiresIn, TimeSpan.FromDays(7));
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown presigned URL method.");
        }

        var tenant = Tenant();
        var path = Path(tenant, key, "presign");
        using var activity = Start("presign", tenant, key);
        try
        {
            var url = await _backend.GetPresignedUrlAsync(path, method, expiresIn, cancellationToken).ConfigureAwait(false);
            Done(tenant, "presign", activity);
            return url;
        }
        catch (Exception ex)
        {
            throw Failed(tenant, "presign", key, activity, ex);
        }
    }

    private string Tenant() => _currentTenant.GetRequiredTenant().Id;

    private string Path(string tenant, string key, string operation)
    {
        try
        {
            return _keyspace.ObjectPath(tenant, key);
        }
        catch (InvalidObjectKeyException ex)
        {
            Log.KeyRejected(_logger, tenant, operation, ex.Error);
            _metrics.RecordOperation(tenant, operation, _backend.Name, "invalid_key");
            throw;
        }
    }

    private Activity? Start(string operation, string tenant, string? key)
    {
        var activity = StorageTelemetry.Source.StartActivity("storage." + operation, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(TenancyTelemetry.TenantIdTag, tenant);
            activity.SetTag(StorageTelemetry.BackendTag, _backend.Name);
            activity.SetTag("tenancy.storage.key", key);
        }

        return activity;
    }

    private void Done(string tenant, string operation, Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Ok);
        _metrics.RecordOperation(tenant, operation, _backend.Name, "ok");
    }

    /// <summary>
    /// The one failure path of every operation: records the outcome (activity status, operations counter, an error log
    /// for backend failures) and returns what to throw. The package's own exceptions (<see cref="TenancyException"/>:
    /// not found, invalid key, storage refusals), cancellation, argument errors and the failure of the caller's own upload
    /// stream are rethrown as they are, with their stack; anything else the backend threw (an <c>AmazonS3Exception</c>, an <see cref="IOException"/> …) becomes an
    /// <see cref="ObjectBackendException"/> (an <see cref="ObjectStorageException"/>) that keeps it as the inner exception
    /// and names only the tenant-relative key.
    /// </summary>
    private Exception Failed(string tenant, string operation, string? key, Activity? activity, Exception exception, Exception? callerContentError = null)
    {
        var outcome = exception switch
        {
            _ when ReferenceEquals(exception, callerContentError) => "content_failed",
            ObjectNotFoundException => "not_found",
            OperationCanceledException => "cancelled",
            TenancyException or ArgumentException => "rejected",
            _ => "error",
        };
        activity?.SetStatus(ActivityStatusCode.Error, outcome);
        _metrics.RecordOperation(tenant, operation, _backend.Name, outcome);
        if (outcome != "error")
        {
            ExceptionDispatchInfo.Throw(exception);
        }

        Log.OperationFailed(_logger, exception, tenant, operation, _backend.Name);
        return new ObjectBackendException(
            key is null
                ? $"The {operation} failed on the {_backend.Name} backend."
                : $"The {operation} of '{key}' failed on the {_backend.Name} backend.",
            exception);
    }
}
