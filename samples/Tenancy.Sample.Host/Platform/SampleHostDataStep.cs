using Tenancy.EntityFramework.Data;
using Tenancy.Lifecycle;
using Tenancy.Sample.Host.Data;

namespace Tenancy.Sample.Host.Platform;

/// <summary>
/// The sample's own lifecycle step (a host step): exports and deletes the tenant's <see cref="SampleDb"/> rows.
/// <see cref="SampleDb"/> is registered as a pooled scoped context, so the step rents it from a DI scope. The tenant's
/// stored objects are exported and purged by Tenancy.Storage's own step (<c>storage.objects</c>, added by <c>AddTenancyStorage</c>).
/// </summary>
public sealed class SampleHostDataStep(IServiceScopeFactory scopes) : TenantLifecycleStep
{
    public override string Name => "sample.data";

    public override int Order => 100;

    public override bool Handles(TenantLifecycleStage stage) => stage is TenantLifecycleStage.Export or TenantLifecycleStage.DeleteData;

    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => stage == TenantLifecycleStage.Export
        ? $"Export the projects and notes of tenant '{tenant?.Id}'."
        : $"Delete the projects and notes of tenant '{tenant?.Id}'.";

    public override async Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDb>();
        if (stage == TenantLifecycleStage.Export && context.Archive is { } archive)
        {
            await archive.AddAsync("data/projects.json", (stream, ct) => db.ExportTenantDataAsync(context.Tenant, stream, ct), cancellationToken);
            return;
        }

        await db.DeleteTenantDataAsync(context.Tenant, cancellationToken);
    }
}
