using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Tenancy.EntityFramework;

namespace Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

/// <summary>
/// SQL for PostgreSQL row-level security on tenant tables: <c>ENABLE</c> and <c>FORCE ROW LEVEL SECURITY</c> and one
/// policy that admits a row only when its tenant column equals the session setting (<c>tenancy.tenant_id</c> by default),
/// for reads (<c>USING</c>) and writes (<c>WITH CHECK</c>). An empty or missing setting admits nothing, and no write
/// at all (not even of a row whose tenant column is empty).
/// </summary>
public static class TenantRowLevelSecurity
{
    /// <summary>The name of the policy created on each table.</summary>
    public const string PolicyName = "tenancy_tenant_isolation";

    /// <summary>The SQL that enables tenant isolation on one table. Idempotent (the policy is replaced).</summary>
    /// <param name="table">The table name.</param>
    /// <param name="schema">The schema, or <see langword="null"/> for the search path.</param>
    /// <param name="tenantColumn">The tenant-id column.</param>
    /// <param name="setting">The session setting that carries the tenant id.</param>
    /// <returns>The SQL statements.</returns>
    public static string GetEnableSql(string table, string? schema = null, string tenantColumn = TenancyModel.TenantIdProperty, string setting = TenancyDbContextOptions.DefaultTenantSetting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        var name = QualifiedName(table, schema);
        var column = Quote(tenantColumn);
        // NULLIF on both sides: without a tenant the setting is empty (or unset), and a row whose tenant column is empty
        // (legacy data before a backfill, an administrator's write) must neither match a tenant-less read, update or
        // delete (USING) nor be writable by one (WITH CHECK). PostgreSQL merges USING with the EF tenant filter into one
        // index condition plus a one-time filter, so the setting is read once per statement. Wrapping either side in (SELECT …) to get an init-plan was measured
        // (docs/benchmarks.md, issue 15): more planning time, no measurable gain.
        var current = string.Create(CultureInfo.InvariantCulture, $"current_setting({Literal(setting)}, true)");
        return string.Create(CultureInfo.InvariantCulture, $"""
            ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {name} FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS {PolicyName} ON {name};
            CREATE POLICY {PolicyName} ON {name} AS PERMISSIVE FOR ALL USING ({column} = NULLIF({current}, '')) WITH CHECK ({column} = NULLIF({current}, ''));

            """);
    }

    /// <summary>The SQL that removes tenant isolation from one table.</summary>
    /// <param name="table">The table name.</param>
    /// <param name="schema">The schema, or <see langword="null"/> for the search path.</param>
    /// <returns>The SQL statements.</returns>
    public static string GetDisableSql(string table, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var name = QualifiedName(table, schema);
        return string.Create(CultureInfo.InvariantCulture, $"""
            DROP POLICY IF EXISTS {PolicyName} ON {name};
            ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE {name} DISABLE ROW LEVEL SECURITY;

            """);
    }

    /// <summary>The SQL that enables tenant isolation on every table of the model's tenant-scoped entities.</summary>
    /// <param name="model">The model.</param>
    /// <param name="setting">The session setting that carries the tenant id.</param>
    /// <returns>The SQL statements.</returns>
    public static string GetEnableSql(IModel model, string setting = TenancyDbContextOptions.DefaultTenantSetting)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sql = new StringBuilder();
        foreach (var (table, schema, column) in GetTenantTables(model))
        {
            sql.Append(GetEnableSql(table, schema, column, setting));
        }

        return sql.ToString();
    }

    /// <summary>
    /// Enables tenant isolation on every tenant table of <paramref name="context"/>'s model (for databases made with
    /// <c>EnsureCreated</c>; with migrations use <c>migrationBuilder.EnableTenantRowLevelSecurity</c>). Run it as the
    /// tables' owner, not as the application role.
    /// </summary>
    /// <param name="context">A context connected as the tables' owner.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the policies exist.</returns>
    public static async Task ApplyAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var setting = (context as ITenantDbContext)?.Tenancy.Options.TenantSetting ?? TenancyDbContextOptions.DefaultTenantSetting;
        var sql = GetEnableSql(context.Model, setting);
        if (sql.Length > 0)
        {
            await context.Database.ExecuteSqlRawAsync(sql, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static IEnumerable<(string Table, string? Schema, string Column)> GetTenantTables(IModel model) =>
        model.GetEntityTypes()
            .Where(t => t.IsTenantScoped() && t.GetTableName() is not null && t.GetViewName() is null)
            .Select(t =>
            {
                var table = StoreObjectIdentifier.Table(t.GetTableName()!, t.GetSchema());
                // A TPT table of a derived type has no tenant column (it is reached through its base table's policy).
                var column = t.FindProperty(TenancyModel.TenantIdProperty)!.GetColumnName(table);
                return (table.Name, table.Schema, Column: column!);
            })
            .Where(t => t.Column is not null)
            .Distinct();

    internal static string QualifiedName(string table, string? schema) => schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
