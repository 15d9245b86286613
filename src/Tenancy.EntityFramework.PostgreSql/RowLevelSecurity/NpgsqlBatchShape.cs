using System.Data.Common;

namespace Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

/// <summary>
/// Every place where the row-level-security interceptor relies on how EF Core writes and Npgsql runs a batch, in one
/// adapter (issue 8). Verified with <b>Npgsql 10.0.3</b> and <b>Npgsql.EntityFrameworkCore.PostgreSQL 10.0.3</b> on
/// EF Core 10.0.15; <c>NpgsqlBatchShapeTests</c> (tests/Tenancy.EntityFramework.Tests) captures the commands these
/// versions actually send and fails when one of the facts below stops holding:
/// <list type="number">
/// <item>EF Core's SaveChanges batch of added rows with store-generated keys is one command whose statements each read
/// <c>INSERT INTO … VALUES …</c> then <c>RETURNING …</c> on a new line, separated by <c>;</c>; its results are read as
/// rows, so a leading statement with a result set of its own can be skipped. Updates and deletes are read as
/// rows-affected counts that Npgsql maps to statements by index, so nothing may be put in front of them.</item>
/// <item>Npgsql splits a command's text at top-level <c>;</c> into statements sent in one round trip before one Sync
/// (one implicit transaction), and a reader starts at the first statement's result set, even an empty one.</item>
/// <item>A statement that returns no rows adds nothing to <c>ExecuteNonQuery</c>'s count.</item>
/// </list>
/// </summary>
internal static class NpgsqlBatchShape
{
    /// <summary>Whether every statement of an EF Core SaveChanges batch is an <c>INSERT … RETURNING</c> (whose results are read as rows).</summary>
    /// <param name="sql">The batch's command text.</param>
    /// <returns><see langword="true"/> when the batch can take a prefix with a result set of its own.</returns>
    public static bool IsInsertReturningOnly(string sql)
    {
        var any = false;
        foreach (var range in sql.AsSpan().Split(';'))
        {
            var statement = sql.AsSpan(range).Trim();
            if (statement.IsEmpty)
            {
                continue;
            }

            if (!statement.StartsWith("INSERT INTO ", StringComparison.Ordinal) || !statement.Contains("\nRETURNING ", StringComparison.Ordinal))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>Moves a reader past the result set of the statement put in front of the application's statements.</summary>
    /// <param name="reader">The reader, positioned on the first statement's result set.</param>
    public static void SkipPrefixResult(DbDataReader reader) => reader.NextResult();

    /// <summary>Moves a reader past the result set of the statement put in front of the application's statements.</summary>
    /// <param name="reader">The reader, positioned on the first statement's result set.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the reader is on the application's first result set.</returns>
    public static Task SkipPrefixResultAsync(DbDataReader reader, CancellationToken cancellationToken) => reader.NextResultAsync(cancellationToken);
}
