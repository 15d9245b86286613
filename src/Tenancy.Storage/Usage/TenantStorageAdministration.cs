using Microsoft.Extensions.Logging;
using Tenancy.Storage.Diagnostics;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Usage;

/// <summary>Usage and purge over a backend, paging through the tenant's prefix.</summary>
internal sealed class TenantStorageAdministration(
    IObjectBackend backend, TenantKeyspace keyspace, StorageMetrics metrics, ILogger<TenantStorageAdministration> logger)
    : ITenantStorageUsage, ITenantStoragePurge
{
    private const int PageSize = 1000;

    public async Task<TenantStorageUsage> GetUsageAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var prefix = keyspace.TenantPrefix(tenantId);
        long bytes = 0, objects = 0;
        string? startAfter = null;
        BackendPage page;
        do
        {
            page = await backend.ListAsync(prefix, startAfter, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var info in page.Objects)
            {
                bytes += info.Size;
                objects++;
            }

            startAfter = page.Objects.Count > 0 ? page.Objects[^1].Key : null;
        }
        while (page.IsTruncated);

        metrics.RecordOperation(tenantId, "usage", backend.Name, "ok");
        return new TenantStorageUsage(tenantId, bytes, objects);
    }

    public async Task<TenantStorageUsage> PurgeAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var prefix = keyspace.TenantPrefix(tenantId);
        long bytes = 0, objects = 0;
        while (true)
        {
            // Always list from the start: what was deleted is gone, so each page is new work.
            var page = await backend.ListAsync(prefix, null, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Objects.Count == 0)
            {
                break;
            }

            await backend.DeleteManyAsync(page.Objects.Select(o => o.Key).ToList(), cancellationToken).ConfigureAwait(false);
            bytes += page.Objects.Sum(o => o.Size);
            objects += page.Objects.Count;
        }

        metrics.RecordOperation(tenantId, "purge", backend.Name, "ok");
        Log.TenantPurged(logger, tenantId, objects, bytes);
        return new TenantStorageUsage(tenantId, bytes, objects);
    }
}
