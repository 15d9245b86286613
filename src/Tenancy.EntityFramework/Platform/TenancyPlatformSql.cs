using System.Text.RegularExpressions;

namespace Tenancy.EntityFramework.Platform;

/// <summary>PostgreSQL statements for the platform tables that migrations cannot express in the model.</summary>
public static partial class TenancyPlatformSql
{
    /// <summary>
    /// Makes the audit log append-only for <paramref name="applicationRole"/>: revokes UPDATE, DELETE and TRUNCATE on
    /// <c>TenantAuditLog</c> and grants only INSERT and SELECT (row-level security by tenant comes from
    /// <c>TenantRowLevelSecurity.ApplyAsync</c>, which covers every tenant-scoped table). Run it as the table owner after
    /// the other grants, for example in a migration: <c>migrationBuilder.Sql(TenancyPlatformSql.GetAuditLogPrivilegesSql("app"))</c>.
    /// </summary>
    /// <param name="applicationRole">The role the application connects as.</param>
    /// <param name="schema">The schema of the table, or <see langword="null"/> for <c>public</c>.</param>
    /// <returns>The SQL.</returns>
    public static string GetAuditLogPrivilegesSql(string applicationRole, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationRole);
        if (!Identifier().IsMatch(applicationRole) || (schema is not null && !Identifier().IsMatch(schema)))
        {
            throw new ArgumentException("Role and schema names must be plain identifiers (letters, digits, underscores).", nameof(applicationRole));
        }

        var table = schema is null ? "\"TenantAuditLog\"" : $"\"{schema}\".\"TenantAuditLog\"";
        return $"""
            REVOKE ALL ON {table} FROM {applicationRole};
            GRANT SELECT, INSERT ON {table} TO {applicationRole};
            """;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
