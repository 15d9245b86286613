using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// The batch shape the package used before issue 15, for comparison: the tenant sent in front of each reader as
/// <c>DO $tenancy$BEGIN PERFORM set_config('tenancy.tenant_id', '…', true); END$tenancy$;</c> — no result set to
/// skip, but a PL/pgSQL block that the server compiles for every command. Readers only (queries and INSERT … RETURNING
/// saves), which is what the benchmarks run.
/// </summary>
internal sealed class DoBlockInterceptor : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, string> _prefixes = new(StringComparer.Ordinal);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        var id = AmbientCurrentTenant.Instance.Id ?? string.Empty;
        command.CommandText = string.Concat(
            _prefixes.GetOrAdd(id, static id => $"DO $tenancy$BEGIN PERFORM set_config('tenancy.tenant_id', '{id}', true); END$tenancy$;\n"),
            command.CommandText);
        return result;
    }
}
