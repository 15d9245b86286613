using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Diagnostics;

/// <summary>Checks that the backend answers: one listing of at most one key under the tenant root (cheap on S3 and on disk).</summary>
internal sealed class TenancyStorageHealthCheck : IHealthCheck
{
    private readonly IObjectBackend _backend;
    private readonly TenantKeyspace _keyspace;

    public TenancyStorageHealthCheck(IObjectBackend backend, TenantKeyspace keyspace)
    {
        _backend = backend;
        _keyspace = keyspace;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var prefix = _keyspace.RootPrefix.Length == 0 ? "" : _keyspace.RootPrefix + "/";
            await _backend.ListAsync(prefix, null, 1, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The {_backend.Name} object store answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The {_backend.Name} object store does not answer.", ex);
        }
    }
}
