using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// The batch shape the package used before issue 15, for comparison: the tenant sent in front of each reader as
/// <c>DO $tenancy$BEGIN PERFORM set_config('tenancy.tenant_id', '…', true); END$tenancy$;</c> — no result set to
/// skip, but a PL/pgSQL block that the server compiles for every command. Readers (queries and INSERT … RETURNING
/// saves) and row-count commands (ExecuteUpdate/ExecuteDelete, where the package still used it until issue 15's second round).
/// </summary>
internal sealed class DoBlockInterceptor : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, string> _prefixes = new(StringComparer.Ordinal);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command);
        return result;
    }

    /// <summary>Row-count commands (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, raw SQL) get the same prefix.</summary>
    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command);
        return result;
    }

    private void Prefix(DbCommand command)
    {
        var id = AmbientCurrentTenant.Instance.Id ?? string.Empty;
        command.CommandText = string.Concat(
            _prefixes.GetOrAdd(id, static id => $"DO $tenancy$BEGIN PERFORM set_config('tenancy.tenant_id', '{id}', true); END$tenancy$;\n"),
            command.CommandText);
    }
}
