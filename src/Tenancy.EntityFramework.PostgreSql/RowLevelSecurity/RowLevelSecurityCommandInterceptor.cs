using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

/// <summary>
/// Prefixes every command with a transaction-local <c>set_config('tenancy.tenant_id', '…', true)</c> (see <see cref="CreatePrefix"/>) so the tenant travels in the same batch as the
/// statement: no extra round trip, and the setting is <b>transaction-scoped</b>. A command outside an explicit
/// transaction runs as one implicit transaction (Npgsql sends the whole batch before one Sync), so the setting ends with
/// the command; inside a transaction it ends at commit or rollback and a rolled-back savepoint restores what was there
/// before. Nothing is ever left on the session, so a pooled connection (even with <c>No Reset On Close</c>) never carries
/// a tenant into a plain command, and a failed command cannot leave a previous tenant's setting in force: every EF
/// command sets its own. With no tenant the setting is emptied, which the policies treat as "no rows". The id is safe to
/// inline: tenant ids are validated to ASCII letters, digits, '-' and '_' (checked again here).
/// SaveChanges batches that report rows-affected counts (updates, deletes, inserts without RETURNING) cannot take a
/// prefix — Npgsql maps those counts to statements by index — so they get the setting as a separate command in the same
/// transaction (Tenancy.EntityFramework's save guard makes EF use one for such saves).
/// </summary>
internal sealed class RowLevelSecurityCommandInterceptor : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly TenancyDbContextOptions _options;
    private readonly string _emptyPrefix;

    public RowLevelSecurityCommandInterceptor(TenancyDbContextOptions options)
    {
        _options = options;
        _emptyPrefix = CreatePrefix(options.TenantSetting, string.Empty);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await ApplyAsync(command, eventData, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Apply(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await ApplyAsync(command, eventData, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Apply(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await ApplyAsync(command, eventData, cancellationToken).ConfigureAwait(false);
        return result;
    }

    internal string GetPrefix(string? tenantId)
    {
        if (tenantId is null)
        {
            return _emptyPrefix;
        }

        if (_prefixes.TryGetValue(tenantId, out var prefix))
        {
            return prefix;
        }

        if (!TenantId.IsValid(tenantId))
        {
            throw new InvalidTenantIdException(tenantId, "The tenant id cannot be sent to PostgreSQL.");
        }

        prefix = CreatePrefix(_options.TenantSetting, tenantId);
        return _prefixes.Count < 100_000 ? _prefixes.GetOrAdd(tenantId, prefix) : prefix;
    }

    private void Apply(DbCommand command, CommandEventData eventData)
    {
        if (Prepare(command, eventData) is { } separate)
        {
            using var set = CreateSetCommand(command, separate);
            set.ExecuteNonQuery();
        }
    }

    private async ValueTask ApplyAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        if (Prepare(command, eventData) is { } separate)
        {
            var set = CreateSetCommand(command, separate);
            await using (set.ConfigureAwait(false))
            {
                await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <c>set_config(…, true)</c> is transaction-local like <c>SET LOCAL</c>, but unlike <c>SET LOCAL</c> it does not make
    /// PostgreSQL warn when the statement runs in the implicit transaction of a batch; wrapped in <c>DO</c> it returns no
    /// result set and no row count, so readers, scalars and rows-affected counts see only the application's statements.
    /// </summary>
    private static string CreatePrefix(string setting, string tenantId) =>
        $"DO $tenancy$BEGIN PERFORM set_config('{setting}', '{tenantId}', true); END$tenancy$;\n";

    /// <summary>Prefixes the command, or returns the setting statement to run first when the command cannot take a prefix.</summary>
    private string? Prepare(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource == CommandSource.Migrations || command.Connection is null)
        {
            return null;
        }

        var currentTenant = eventData.Context is TenantDbContext context ? context.CurrentTenant : _options.CurrentTenant;
        var prefix = GetPrefix(currentTenant.Id);
        if (eventData.CommandSource == CommandSource.SaveChanges && !IsInsertReturningOnly(command.CommandText))
        {
            // Npgsql's update batches read rows-affected by statement index, so a prefixed statement would shift them
            // (and could make one statement's count vouch for another's): send the setting on its own, in the batch's
            // transaction so that it ends with it. Batches of INSERT … RETURNING read result rows, not counts, and take
            // the prefix like queries do.
            if (command.Transaction is null)
            {
                throw new TenancyConfigurationException(
                    "Under row-level security a SaveChanges that updates or deletes needs a transaction to carry the tenant setting; "
                    + "do not set Database.AutoTransactionBehavior to Never (or open a transaction yourself).");
            }

            return prefix;
        }

        command.CommandText = string.Concat(prefix, command.CommandText);
        return null;
    }

    /// <summary>Whether every statement of an EF Core SaveChanges batch is an INSERT … RETURNING (whose results are read as rows).</summary>
    internal static bool IsInsertReturningOnly(string sql)
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

    private static DbCommand CreateSetCommand(DbCommand command, string sql)
    {
        var set = command.Connection!.CreateCommand();
        set.Transaction = command.Transaction;
#pragma warning disable CA2100 // Built from a validated setting name and a validated tenant id.
        set.CommandText = sql;
#pragma warning restore CA2100
        return set;
    }
}
