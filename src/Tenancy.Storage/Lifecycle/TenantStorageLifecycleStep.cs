using Tenancy.Lifecycle;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;
using Tenancy.Storage.Usage;

namespace Tenancy.Storage.Lifecycle;

/// <summary>
/// Tenancy.Storage's part in offboarding, added by <c>AddTenancyStorage</c> (it runs when the lifecycle is registered too):
/// the export writes every object of the tenant to <c>objects/&lt;key&gt;</c> in the archive (streamed one object at a time;
/// the manifest carries each entry's size and SHA-256), and deleting data purges every object under the tenant's prefix
/// with <see cref="ITenantStoragePurge"/> (other tenants' objects are never touched; a purge cut short is finished by the next run).
/// Nothing is created at onboarding: a tenant's prefix exists as soon as it stores an object.
/// </summary>
internal sealed class TenantStorageLifecycleStep : TenantLifecycleStep
{
    private const int PageSize = 1000;
    private readonly IObjectBackend _backend;
    private readonly TenantKeyspace _keyspace;
    private readonly ITenantStoragePurge _purge;

    public TenantStorageLifecycleStep(IObjectBackend backend, TenantKeyspace keyspace, ITenantStoragePurge purge)
    {
        _backend = backend;
        _keyspace = keyspace;
        _purge = purge;
    }

    /// <inheritdoc />
    public override string Name => "storage.objects";

    /// <inheritdoc />
    public override int Order => 200;

    /// <inheritdoc />
    public override bool Handles(TenantLifecycleStage stage) => stage is TenantLifecycleStage.Export or TenantLifecycleStage.DeleteData;

    /// <inheritdoc />
    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => stage == TenantLifecycleStage.Export
        ? $"Export every stored object of tenant '{tenant?.Id}' to objects/ ({_backend.Name})."
        : $"Delete every stored object of tenant '{tenant?.Id}' ({_backend.Name}).";

    /// <inheritdoc />
    public override async Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(context.Tenant);
        switch (stage)
        {
            case TenantLifecycleStage.Export when context.Archive is { } archive:
                await ExportAsync(context.Tenant.Id, archive, cancellationToken).ConfigureAwait(false);
                break;
            case TenantLifecycleStage.DeleteData:
                await _purge.PurgeAsync(context.Tenant.Id, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task ExportAsync(string tenantId, TenantExportArchive archive, CancellationToken cancellationToken)
    {
        var prefix = _keyspace.TenantPrefix(tenantId);
        string? startAfter = null;
        BackendPage page;
        do
        {
            page = await _backend.ListAsync(prefix, startAfter, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var info in page.Objects)
            {
                if (TenantKeyspace.Relative(prefix, info.Key) is not { Length: > 0 } key)
                {
                    continue;
                }

                await archive.AddAsync("objects/" + key, async (stream, ct) =>
                {
                    // Deleted between the listing and now: the entry stays, empty (the manifest says size 0).
                    var download = await _backend.GetAsync(info.Key, null, ct).ConfigureAwait(false);
                    if (download is not null)
                    {
                        await using (download.ConfigureAwait(false))
                        {
                            await download.Content.CopyToAsync(stream, ct).ConfigureAwait(false);
                        }
                    }
                }, cancellationToken).ConfigureAwait(false);
            }

            startAfter = page.Objects.Count > 0 ? page.Objects[^1].Key : null;
        }
        while (page.IsTruncated);
    }
}
