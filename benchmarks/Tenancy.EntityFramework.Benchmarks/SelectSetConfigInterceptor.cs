using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// A candidate batch shape for row-level security, measured against the package's: the tenant is sent as a plain
/// <c>SELECT set_config('tenancy.tenant_id', '…', true);</c> in front of each query (no PL/pgSQL block to compile on
/// the server), and the reader skips that statement's one-row result set before EF Core reads its own. Readers only
/// (queries and INSERT … RETURNING saves), which is what the benchmarks run.
/// </summary>
internal sealed class SelectSetConfigInterceptor : DbCommandInterceptor
{
    private const string Marker = "SELECT set_config('tenancy.tenant_id', '";
    private readonly ConcurrentDictionary<string, string> _prefixes = new(StringComparer.Ordinal);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        var id = AmbientCurrentTenant.Instance.Id ?? string.Empty;
        command.CommandText = string.Concat(_prefixes.GetOrAdd(id, static id => Marker + id + "', true);\n"), command.CommandText);
        return result;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
        {
            result.NextResult();
        }

        return result;
    }
}
