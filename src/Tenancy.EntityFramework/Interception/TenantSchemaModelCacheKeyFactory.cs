using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tenancy.EntityFramework.Interception;

/// <summary>Schema-per-tenant: one cached model per (context type, schema).</summary>
internal sealed class TenantSchemaModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        TenancyDbContextState.Of(context) is { TenantSchema: { } schema }
            ? (context.GetType(), schema, designTime)
            : (object)(context.GetType(), designTime);
}
