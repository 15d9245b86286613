using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// The naive way to send the tenant for row-level security, for comparison only: one session-level <c>set_config</c>
/// command each time a connection opens (one extra round trip per open, and the setting outlives the tenant on a
/// pooled connection). The package sends a transaction-local setting in the same batch instead.
/// </summary>
internal sealed class SetConfigOnOpenInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = CreateCommand(connection, eventData);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var currentTenant = (eventData.Context as ITenantDbContext)?.Tenancy.CurrentTenant ?? AmbientCurrentTenant.Instance;
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT set_config('{TenancyDbContextOptions.DefaultTenantSetting}', @tenant, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = currentTenant.Id ?? string.Empty;
        command.Parameters.Add(parameter);
        return command;
    }
}
