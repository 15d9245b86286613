using System.ComponentModel.DataAnnotations;

namespace Tenancy.EntityFramework.PostgreSql;

/// <summary>Options of the PostgreSQL tenant-change backplane. Validated at start-up.</summary>
public sealed class PostgreSqlBackplaneOptions
{
    /// <summary>The connection string of the listening connection (the tenant store's database). Required.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The NOTIFY channel. Default <c>tenancy_tenant_changes</c>; a lowercase SQL identifier.</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string Channel { get; set; } = "tenancy_tenant_changes";

    /// <summary>How often the listening connection is probed so that a dead connection is noticed. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause between reconnection attempts (exponential back-off from 100 ms). Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);
}
