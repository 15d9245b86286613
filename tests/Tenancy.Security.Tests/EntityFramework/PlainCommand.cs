using System.Data.Common;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>Commands sent on a connection directly, past EF Core and its interceptors: what a leaked setting would serve.</summary>
internal static class PlainCommand
{
    public static async Task<long> CountAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = Create(connection, sql, transaction);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = Create(connection, sql, null);
        return await command.ExecuteNonQueryAsync();
    }

    private static DbCommand Create(DbConnection connection, string sql, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Test SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }
}
