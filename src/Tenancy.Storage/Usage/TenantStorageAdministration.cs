using Microsoft.Extensions.Logging;
using Tenancy.Storage.Diagnostics;

namespace Tenancy.Storage;

/// <summary>Usage and purge over a backend, paging through the tenant's prefix.</summary>
internal sealed class TenantStorageAdministration : ITenantStorageUsage, ITenantStoragePurge
{
    private const int PageSize = 1000;
    private readonly IObjectBackend _backend;
    private readonly TenantKeyspace _keyspace;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;

    public TenantStorageAdministration(IObjectBackend backend, TenantKeyspace keyspace, StorageMetrics metrics, ILogger<TenantStorageAdministration> logger)
    {
        _backend = backend;
        _keyspace = keyspace;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<TenantStorageUsage> GetUsageAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var prefix = _keyspace.TenantPrefix(tenantId);
        long bytes = 0, objects = 0;
        string? startAfter = null;
        BackendPage page;
        do
        {
            page = await _backend.ListAsync(prefix, startAfter, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var info in page.Objects)
            {
                bytes += info.Size;
                objects++;
            }

            startAfter = page.Objects.Count > 0 ? page.Objects[^1].Key : null;
        }
        while (page.IsTruncated);

        _metrics.RecordOperation(tenantId, "usage", _backend.Name, "ok");
        return new TenantStorageUsage(tenantId, bytes, objects);
    }

    public async Task<TenantStorageUsage> PurgeAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var prefix = _keyspace.TenantPrefix(tenantId);
        long bytes = 0, objects = 0;
        while (true)
        {
            // Always list from the start: what was deleted is gone, so each page is new work.
            var page = await _backend.ListAsync(prefix, null, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Objects.Count == 0)
            {
                break;
            }

            await _backend.DeleteManyAsync(page.Objects.Select(o => o.Key).ToList(), cancellationToken).ConfigureAwait(false);
            bytes += page.Objects.Sum(o => o.Size);
            objects += page.Objects.Count;
        }

        _metrics.RecordOperation(tenantId, "purge", _backend.Name, "ok");
        Log.TenantPurged(_logger, tenantId, objects, bytes);
        return new TenantStorageUsage(tenantId, bytes, objects);
    }
}
