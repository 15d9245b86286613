using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Tenancy.EntityFramework.Query;

/// <summary>Runs the provider's postprocessor, then <see cref="TenantQueryGuard"/> on the translated query.</summary>
internal sealed class TenancyQueryTranslationPostprocessor(
    QueryTranslationPostprocessorDependencies dependencies,
    QueryCompilationContext queryCompilationContext,
    QueryTranslationPostprocessor inner)
    : QueryTranslationPostprocessor(dependencies, queryCompilationContext)
{
    public override Expression Process(Expression query)
    {
        var processed = inner.Process(query);
        TenantQueryGuard.Check(QueryCompilationContext, processed);
        return processed;
    }
}
