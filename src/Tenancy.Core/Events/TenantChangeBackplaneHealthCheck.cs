using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tenancy.Events;

/// <summary>
/// Reports a <see cref="TenantChangeBackplane"/>: healthy while it is connected, the registration's failure status while
/// it is not (changes made on other instances are then not heard; caches are flushed on reconnect). The Redis and
/// PostgreSQL packages register it with their <c>Add…BackplaneCheck</c> extensions.
/// </summary>
public sealed class TenantChangeBackplaneHealthCheck : IHealthCheck
{
    private readonly TenantChangeBackplane _backplane;

    /// <summary>Creates the check.</summary>
    /// <param name="backplane">The backplane to report.</param>
    public TenantChangeBackplaneHealthCheck(TenantChangeBackplane backplane)
    {
        ArgumentNullException.ThrowIfNull(backplane);
        _backplane = backplane;
    }

    /// <summary>A registration of the check for the backplane registered as <typeparamref name="TBackplane"/>.</summary>
    /// <typeparam name="TBackplane">The backplane's service type.</typeparam>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported while disconnected (default: unhealthy).</param>
    /// <param name="tags">Tags of the check.</param>
    /// <returns>The registration.</returns>
    public static HealthCheckRegistration Registration<TBackplane>(string name, HealthStatus? failureStatus, IEnumerable<string>? tags)
        where TBackplane : TenantChangeBackplane
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new HealthCheckRegistration(
            name,
            static sp => new TenantChangeBackplaneHealthCheck(sp.GetRequiredService<TBackplane>()),
            failureStatus,
            tags);
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object>
        {
            ["instance"] = _backplane.InstanceId,
            ["received"] = _backplane.Received,
            ["resets"] = _backplane.Resets,
        };
        return Task.FromResult(_backplane.IsConnected
            ? HealthCheckResult.Healthy("Receiving tenant changes from the other instances.", data)
            : new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Not receiving tenant changes for {_backplane.DisconnectedFor.TotalSeconds:0.#} s; caches are flushed on reconnect.",
                _backplane.LastError,
                data));
    }
}
