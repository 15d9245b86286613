using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

/// <summary>
/// Prefixes every command with a transaction-local <c>set_config('tenancy.tenant_id', '…', true)</c> (see <see cref="Prefixes"/>) so the tenant travels in the same batch as the
/// statement: no extra round trip, and the setting is <b>transaction-scoped</b>. A command outside an explicit
/// transaction runs as one implicit transaction (Npgsql sends the whole batch before one Sync), so the setting ends with
/// the command; inside a transaction it ends at commit or rollback and a rolled-back savepoint restores what was there
/// before. Nothing is ever left on the session, so a pooled connection (even with <c>No Reset On Close</c>) never carries
/// a tenant into a plain command, and a failed command cannot leave a previous tenant's setting in force: every EF
/// command sets its own. With no tenant the setting is emptied, which the policies treat as "no rows". The id is safe to
/// inline: tenant ids are validated to ASCII letters, digits, '-' and '_' (checked again here).
/// SaveChanges batches that report rows-affected counts (updates, deletes, inserts without RETURNING) cannot take a
/// prefix — Npgsql maps those counts to statements by index — so they get the setting as a separate command in the same
/// transaction. What this relies on in EF Core's and Npgsql's batches is in <see cref="NpgsqlBatchShape"/> (Tenancy.EntityFramework's save guard makes EF use one for such saves).
/// </summary>
internal sealed class RowLevelSecurityCommandInterceptor : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, Prefixes> _prefixes = new(StringComparer.Ordinal);
    private readonly TenancyDbContextOptions _options;
    private readonly Prefixes _emptyPrefixes;
    private readonly string _readerPrefixStart;

    public RowLevelSecurityCommandInterceptor(TenancyDbContextOptions options)
    {
        _options = options;
        _emptyPrefixes = new Prefixes(options.TenantSetting, string.Empty);
        _readerPrefixStart = Prefixes.ReaderStart(options.TenantSetting);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command, eventData, CommandKind.Reader);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await ApplyAsync(command, eventData, CommandKind.Reader, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Moves the reader past the setting's one-row result set, to the application's first result.</summary>
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (IsReaderPrefixed(command, eventData))
        {
            NpgsqlBatchShape.SkipPrefixResult(result);
        }

        return result;
    }

    /// <summary>Moves the reader past the setting's one-row result set, to the application's first result.</summary>
    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (IsReaderPrefixed(command, eventData))
        {
            await NpgsqlBatchShape.SkipPrefixResultAsync(result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Apply(command, eventData, CommandKind.RowCount);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await ApplyAsync(command, eventData, CommandKind.RowCount, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Apply(command, eventData, CommandKind.Scalar);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await ApplyAsync(command, eventData, CommandKind.Scalar, cancellationToken).ConfigureAwait(false);
        return result;
    }

    internal string GetPrefix(string? tenantId) => GetPrefixes(tenantId).Other;

    private Prefixes GetPrefixes(string? tenantId)
    {
        if (tenantId is null)
        {
            return _emptyPrefixes;
        }

        if (_prefixes.TryGetValue(tenantId, out var prefix))
        {
            return prefix;
        }

        if (!TenantId.IsValid(tenantId))
        {
            throw new InvalidTenantIdException(tenantId, "The tenant id cannot be sent to PostgreSQL.");
        }

        prefix = new Prefixes(_options.TenantSetting, tenantId);
        return _prefixes.Count < 100_000 ? _prefixes.GetOrAdd(tenantId, prefix) : prefix;
    }

    private void Apply(DbCommand command, CommandEventData eventData, CommandKind kind)
    {
        if (Prepare(command, eventData, kind) is { } separate)
        {
            using var set = CreateSetCommand(command, separate);
            set.ExecuteNonQuery();
        }
    }

    private async ValueTask ApplyAsync(DbCommand command, CommandEventData eventData, CommandKind kind, CancellationToken cancellationToken)
    {
        if (Prepare(command, eventData, kind) is { } separate)
        {
            var set = CreateSetCommand(command, separate);
            await using (set.ConfigureAwait(false))
            {
                await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Prefixes the command, or returns the setting statement to run first when the command cannot take a prefix.</summary>
    private string? Prepare(DbCommand command, CommandEventData eventData, CommandKind kind)
    {
        if (eventData.CommandSource == CommandSource.Migrations || command.Connection is null)
        {
            return null;
        }

        var currentTenant = (eventData.Context as ITenantDbContext)?.Tenancy.CurrentTenant ?? _options.CurrentTenant;
        var prefixes = GetPrefixes(currentTenant.Id);
        if (eventData.CommandSource == CommandSource.SaveChanges && !NpgsqlBatchShape.IsInsertReturningOnly(command.CommandText))
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

            return prefixes.RowCount;
        }

        command.CommandText = string.Concat(
            kind switch { CommandKind.Reader => prefixes.Reader, CommandKind.RowCount => prefixes.RowCount, _ => prefixes.Other },
            command.CommandText);
        return null;
    }

    /// <summary>Whether <see cref="Prepare"/> gave this reader command the <c>SELECT set_config</c> prefix.</summary>
    private bool IsReaderPrefixed(DbCommand command, CommandEventData eventData) =>
        eventData.CommandSource != CommandSource.Migrations
        && command.CommandText.StartsWith(_readerPrefixStart, StringComparison.Ordinal);

    private static DbCommand CreateSetCommand(DbCommand command, string sql)
    {
        var set = command.Connection!.CreateCommand();
        set.Transaction = command.Transaction;
#pragma warning disable CA2100 // Built from a validated setting name and a validated tenant id.
        set.CommandText = sql;
#pragma warning restore CA2100
        return set;
    }

    private enum CommandKind
    {
        Reader,
        RowCount,
        Scalar,
    }

    /// <summary>
    /// The three forms of the setting for one tenant. <c>set_config(…, true)</c> is transaction-local like
    /// <c>SET LOCAL</c>, but unlike <c>SET LOCAL</c> it does not make PostgreSQL warn when the statement runs in the
    /// implicit transaction of a batch. In front of a reader it is a plain <c>SELECT</c> whose one-row result set the
    /// interceptor skips before EF Core reads (the cheapest statement the server can run: a <c>DO</c> block costs a
    /// PL/pgSQL compilation per command). In front of rows-affected counts (and as the separate command of an update
    /// save) it is a <c>SELECT</c> of no columns whose one row the <c>WHERE</c> filters away (set_config never returns
    /// null), so it adds nothing to the count; the <c>WHERE</c> of a one-row <c>SELECT</c> is evaluated exactly once. In front of a scalar, whose value is the first
    /// row of the first result set, it is wrapped in <c>DO</c>, which returns no result set at all.
    /// </summary>
    private sealed class Prefixes(string setting, string tenantId)
    {
        /// <summary>For readers: <c>SELECT set_config(…);</c>, whose result set is skipped.</summary>
        public string Reader { get; } = $"{ReaderStart(setting)}'{tenantId}', true);\n";

        /// <summary>For rows-affected counts and separate commands: <c>SELECT WHERE set_config(…) IS NULL;</c> (no rows, count 0).</summary>
        public string RowCount { get; } = $"/* tenancy */ SELECT WHERE set_config('{setting}', '{tenantId}', true) IS NULL;\n";

        /// <summary>For scalars: a <c>DO</c> block (no result, no count).</summary>
        public string Other { get; } = $"DO $tenancy$BEGIN PERFORM set_config('{setting}', '{tenantId}', true); END$tenancy$;\n";

        /// <summary>How every reader prefix for <paramref name="setting"/> starts (a comment marks it as the package's).</summary>
        public static string ReaderStart(string setting) => $"/* tenancy */ SELECT set_config('{setting}', ";
    }
}
