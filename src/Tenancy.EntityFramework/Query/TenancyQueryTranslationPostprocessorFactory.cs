using Microsoft.EntityFrameworkCore.Query;

namespace Tenancy.EntityFramework.Query;

/// <summary>Wraps the provider's <see cref="IQueryTranslationPostprocessorFactory"/> (SQLite, PostgreSQL, SQL Server …).</summary>
internal sealed class TenancyQueryTranslationPostprocessorFactory(
    IQueryTranslationPostprocessorFactory inner,
    QueryTranslationPostprocessorDependencies dependencies) : IQueryTranslationPostprocessorFactory
{
    public QueryTranslationPostprocessor Create(QueryCompilationContext queryCompilationContext) =>
        new TenancyQueryTranslationPostprocessor(dependencies, queryCompilationContext, inner.Create(queryCompilationContext));
}
