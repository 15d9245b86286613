using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework.Stores;

namespace Tenancy.ScaleOut.Tests.Infrastructure;

/// <summary>Counts the queries an instance's tenant store sends to PostgreSQL.</summary>
internal sealed class QueryCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void AddTo(IServiceCollection services) =>
        services.ConfigureDbContext<TenantStoreDbContext>((_, o) => o.AddInterceptors(this), ServiceLifetime.Singleton);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
