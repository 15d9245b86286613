using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tenancy.EntityFramework.Infrastructure;

/// <summary>
/// Which database a context talks to, by provider name: this package does not reference any provider, so a SQLite or
/// SQL Server application never downloads Npgsql.
/// </summary>
internal static class DatabaseProvider
{
    /// <summary>The provider name of Npgsql's EF Core provider (its assembly name).</summary>
    public const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static bool IsPostgreSql(DatabaseFacade database) => string.Equals(database.ProviderName, Npgsql, StringComparison.Ordinal);
}
