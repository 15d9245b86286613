using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// Closes a tenant-aware context's bypass scopes when EF Core resets the context for its pool, so that a scope never
/// outlives a rental, whatever the context's base class (a <see cref="TenantDbContext"/> also does it on dispose).
/// </summary>
internal sealed class TenancyStateReset(ICurrentDbContext currentContext) : IResettableService
{
    public void ResetState() => TenancyDbContextState.Of(currentContext.Context)?.Reset();

    public Task ResetStateAsync(CancellationToken cancellationToken = default)
    {
        ResetState();
        return Task.CompletedTask;
    }
}
