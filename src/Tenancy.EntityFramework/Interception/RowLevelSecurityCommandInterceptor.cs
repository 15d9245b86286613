using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// Prefixes every command with <c>SET tenancy.tenant_id = '…';</c> so the tenant travels in the same batch as the
/// statement: no extra round trip, and the setting is right for every command whatever the pooled connection saw before.
/// With no tenant the setting is emptied, which the policies treat as "no rows". The id is safe to inline: tenant ids
/// are validated to ASCII letters, digits, '-' and '_' (checked again here).
/// </summary>
internal sealed class RowLevelSecurityCommandInterceptor : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly TenancyDbContextOptions _options;
    private readonly string _emptyPrefix;

    public RowLevelSecurityCommandInterceptor(TenancyDbContextOptions options)
    {
        _options = options;
        _emptyPrefix = $"SET {options.TenantSetting} = '';\n";
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
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
            throw new InvalidTenantIdentifierException(tenantId, "The tenant id cannot be sent to PostgreSQL.");
        }

        prefix = $"SET {_options.TenantSetting} = '{tenantId}';\n";
        return _prefixes.Count < 100_000 ? _prefixes.GetOrAdd(tenantId, prefix) : prefix;
    }

    private void Prefix(DbCommand command, CommandEventData eventData)
    {
        var currentTenant = eventData.Context is TenantDbContext context ? context.CurrentTenant : _options.CurrentTenant;
        command.CommandText = string.Concat(GetPrefix(currentTenant.Id), command.CommandText);
    }
}
