using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// The naive way to send the tenant for row-level security: one <c>set_config</c> command each time a connection opens
/// (one extra round trip per open). Kept for the benchmarks that compare it with the command interceptor of <c>Tenancy.EntityFramework.PostgreSql</c>.
/// </summary>
internal sealed class RowLevelSecurityConnectionInterceptor(TenancyDbContextOptions options) : DbConnectionInterceptor
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

    private DbCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var currentTenant = eventData.Context is TenantDbContext context ? context.CurrentTenant : options.CurrentTenant;
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The setting name is validated by UseRowLevelSecurity; the value is a parameter.
        command.CommandText = $"SELECT set_config('{options.TenantSetting}', @tenant, false)";
#pragma warning restore CA2100
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = currentTenant.Id ?? string.Empty;
        command.Parameters.Add(parameter);
        return command;
    }
}
