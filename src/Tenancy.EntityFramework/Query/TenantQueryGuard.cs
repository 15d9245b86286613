using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Tenancy.EntityFramework.Diagnostics;

namespace Tenancy.EntityFramework.Query;

/// <summary>
/// Looks at what EF Core translated — the SQL tree, not the LINQ shape — before a query is compiled:
/// an <c>ExecuteUpdate</c> whose translated <c>SET</c> list writes a tenant-id column is refused, whatever expression
/// produced it; a query that dropped the tenant filter and reads a tenant table gets a check that runs on every
/// execution (cached and compiled queries included) and refuses it outside a bypass scope.
/// </summary>
internal static class TenantQueryGuard
{
    /// <summary>The name of the runtime parameter that checks the bypass scope on each execution.</summary>
    public const string BypassParameterName = "__tenancy_filter_bypass";

    private static readonly MethodInfo CheckBypassMethod = typeof(TenantQueryGuard).GetMethod(nameof(CheckBypass), BindingFlags.Static | BindingFlags.NonPublic)!;

    public static void Check(QueryCompilationContext queryCompilationContext, Expression translated)
    {
        var tables = TenantTables.For(queryCompilationContext.Model);
        if (!tables.Any)
        {
            return;
        }

        var finder = new Finder(tables);
        finder.Visit(translated);
        if (finder.WrittenColumn is { } written)
        {
            EntityFrameworkMetrics.From(queryCompilationContext.ContextOptions)?.WriteRefused(null, "tenant-id-update");
            throw new TenantMismatchException(
                $"ExecuteUpdate cannot set the tenant id column {written}: rows never move between tenants (refused before anything was written).");
        }

        var ignoresTenantFilter = queryCompilationContext.IgnoreQueryFilters
            || queryCompilationContext.IgnoredQueryFilters?.Contains(TenancyModel.TenantFilterName) == true;
        if (ignoresTenantFilter && finder.TouchesTenantData)
        {
            var queryContext = QueryCompilationContext.QueryContextParameter;
            queryCompilationContext.RegisterRuntimeParameter(
                BypassParameterName,
                Expression.Lambda(Expression.Call(CheckBypassMethod, queryContext), queryContext));
        }
    }

    /// <summary>Runs on every execution of a query that dropped the tenant filter.</summary>
    private static object? CheckBypass(QueryContext queryContext)
    {
        var tenancy = TenancyDbContextState.Of(queryContext.Context);
        if (tenancy is { IsTenantFilterBypassed: true })
        {
            tenancy.Metrics?.BypassedQuery(tenancy.CurrentTenant.Id, tenancy.BypassCaller);
            return null;
        }

        var current = tenancy?.CurrentTenant.Id;
        tenancy?.Metrics?.WriteRefused(current, "filter-ignored");
        throw new TenantFilterBypassException(
            "This query drops the tenant filter (IgnoreQueryFilters() or IgnoreQueryFilters([\"" + TenancyModel.TenantFilterName + "\"])) outside a bypass scope. "
            + "Name only the filters you mean (IgnoreQueryFilters([\"SoftDelete\"])), or open BypassTenantFilter(reason) (on the TenantDbContext, or on Tenancy of an ITenantDbContext) for host work.");
    }

    private sealed class Finder(TenantTables tables) : ExpressionVisitor
    {
        public string? WrittenColumn { get; private set; }

        public bool TouchesTenantData { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            switch (node)
            {
                case null:
                    return null;
                case UpdateExpression update:
                    foreach (var setter in update.ColumnValueSetters)
                    {
                        if (tables.IsTenantColumn(update.Table.Schema, update.Table.Name, setter.Column.Name))
                        {
                            WrittenColumn ??= $"{update.Table.Name}.{setter.Column.Name}";
                        }
                    }

                    Visit(update.Table);
                    Visit(update.SelectExpression);
                    foreach (var setter in update.ColumnValueSetters)
                    {
                        Visit(setter.Value);
                    }

                    return node;
                case DeleteExpression delete:
                    Visit(delete.Table);
                    Visit(delete.SelectExpression);
                    return node;
                case TableExpression table:
                    TouchesTenantData |= tables.IsTenantTable(table.Schema, table.Name);
                    return node;
                case FromSqlExpression or TableValuedFunctionExpression:
                    // Raw SQL and functions can read any table: treat them as tenant data.
                    TouchesTenantData = true;
                    return node;
                case ShapedQueryExpression shaped:
                    Visit(shaped.QueryExpression);
                    Visit(shaped.ShaperExpression);
                    return node;
                default:
                    try
                    {
                        return base.Visit(node);
                    }
                    catch (InvalidOperationException)
                    {
                        // A node that refuses to be visited: assume the worst.
                        TouchesTenantData = true;
                        return node;
                    }
            }
        }
    }
}
