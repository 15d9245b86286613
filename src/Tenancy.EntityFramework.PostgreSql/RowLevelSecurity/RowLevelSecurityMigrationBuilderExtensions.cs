using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Tenancy.EntityFramework;

namespace Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

/// <summary>Migration helpers for PostgreSQL row-level security on tenant tables.</summary>
public static class RowLevelSecurityMigrationBuilderExtensions
{
    /// <summary>
    /// Enables and forces row-level security on <paramref name="table"/> with the tenant isolation policy (see
    /// <see cref="TenantRowLevelSecurity"/>). Call it in <c>Up</c> after the table is created.
    /// </summary>
    /// <param name="migrationBuilder">The migration builder.</param>
    /// <param name="table">The table name.</param>
    /// <param name="schema">The schema, or <see langword="null"/>.</param>
    /// <param name="tenantColumn">The tenant-id column.</param>
    /// <param name="setting">The session setting that carries the tenant id.</param>
    /// <returns>The operation builder.</returns>
    public static OperationBuilder<SqlOperation> EnableTenantRowLevelSecurity(
        this MigrationBuilder migrationBuilder,
        string table,
        string? schema = null,
        string tenantColumn = TenancyModel.TenantIdProperty,
        string setting = TenancyDbContextOptions.DefaultTenantSetting)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        return migrationBuilder.Sql(TenantRowLevelSecurity.GetEnableSql(table, schema, tenantColumn, setting));
    }

    /// <summary>Removes the tenant isolation policy and row-level security from <paramref name="table"/>. Call it in <c>Down</c>.</summary>
    /// <param name="migrationBuilder">The migration builder.</param>
    /// <param name="table">The table name.</param>
    /// <param name="schema">The schema, or <see langword="null"/>.</param>
    /// <returns>The operation builder.</returns>
    public static OperationBuilder<SqlOperation> DisableTenantRowLevelSecurity(this MigrationBuilder migrationBuilder, string table, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        return migrationBuilder.Sql(TenantRowLevelSecurity.GetDisableSql(table, schema));
    }
}
