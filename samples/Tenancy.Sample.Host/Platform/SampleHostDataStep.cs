using Tenancy.EntityFramework.Data;
using Tenancy.Lifecycle;
using Tenancy.Sample.Host.Data;
using Tenancy.Storage;

namespace Tenancy.Sample.Host.Platform;

/// <summary>
/// The sample's own lifecycle step (a host step): exports and deletes the tenant's <see cref="SampleDb"/> rows and stored
/// objects. <see cref="SampleDb"/> is registered as a pooled scoped context, so the step rents it from a DI scope.
/// </summary>
public sealed class SampleHostDataStep(IServiceScopeFactory scopes) : TenantLifecycleStep
{
    public override string Name => "sample.data";

    public override int Order => 100;

    public override bool Handles(TenantLifecycleStage stage) => stage is TenantLifecycleStage.Export or TenantLifecycleStage.DeleteData;

    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => stage == TenantLifecycleStage.Export
        ? $"Export the projects, notes and files of tenant '{tenant?.Id}'."
        : $"Delete the projects, notes and files of tenant '{tenant?.Id}'.";

    public override async Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDb>();
        if (stage == TenantLifecycleStage.Export && context.Archive is { } archive)
        {
            await archive.AddAsync("data/projects.json", (stream, ct) => db.ExportTenantDataAsync(context.Tenant, stream, ct), cancellationToken);
            var objects = scope.ServiceProvider.GetService<ITenantObjectStore>();
            string? page = null;
            do
            {
                if (objects is null)
                {
                    break;
                }

                var listing = await objects.ListAsync(null, page, 500, cancellationToken);
                foreach (var item in listing.Objects)
                {
                    await archive.AddAsync("objects/" + item.Key, async (stream, ct) =>
                    {
                        await using var download = await objects.GetAsync(item.Key, null, ct);
                        await download.Content.CopyToAsync(stream, ct);
                    }, cancellationToken);
                }

                page = listing.ContinuationToken;
            }
            while (page is not null);
            return;
        }

        await db.DeleteTenantDataAsync(context.Tenant, cancellationToken);
        if (scope.ServiceProvider.GetService<ITenantStoragePurge>() is { } purge)
        {
            await purge.PurgeAsync(context.Tenant.Id, cancellationToken);
        }
    }
}
