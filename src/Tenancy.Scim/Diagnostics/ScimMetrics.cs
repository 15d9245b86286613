using System.Diagnostics.Metrics;

namespace Tenancy.Scim.Diagnostics;

/// <summary>Tenancy.Scim's instruments, from <see cref="IMeterFactory"/>.</summary>
internal sealed class ScimMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _authenticationFailures;

    public ScimMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ScimTelemetry.Name);
        _requests = meter.CreateCounter<long>(ScimTelemetry.RequestsCounter, unit: "{request}", description: "SCIM requests answered.");
        _authenticationFailures = meter.CreateCounter<long>(ScimTelemetry.AuthenticationFailuresCounter, unit: "{request}", description: "SCIM requests refused for their credential.");
    }

    public void Request(string tenantId, string method, string resource, int status, string? errorType)
    {
        if (_requests.Enabled)
        {
            _requests.Add(
                1,
                new KeyValuePair<string, object?>("tenancy.tenant.id", tenantId),
                new KeyValuePair<string, object?>("http.request.method", method),
                new KeyValuePair<string, object?>("tenancy.scim.resource", resource),
                new KeyValuePair<string, object?>("http.response.status_code", status),
                new KeyValuePair<string, object?>("error.type", errorType));
        }
    }

    public void AuthenticationFailed(string reason)
    {
        if (_authenticationFailures.Enabled)
        {
            _authenticationFailures.Add(1, new KeyValuePair<string, object?>("error.type", reason));
        }
    }
}
