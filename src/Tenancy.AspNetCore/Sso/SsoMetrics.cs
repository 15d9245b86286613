using System.Diagnostics.Metrics;
using Tenancy.AspNetCore.Diagnostics;

namespace Tenancy.AspNetCore.Sso;

/// <summary>
/// The SSO instruments of the <c>Tenancy.AspNetCore</c> meter: <c>tenancy.sso.tokens</c> (validated or rejected, with
/// <c>error.type</c> and <c>tenancy.tenant.id</c>), <c>tenancy.sso.metadata.fetches</c> (per reason) and
/// <c>tenancy.sso.sign_ins</c> (completed or refused).
/// </summary>
internal sealed class SsoMetrics
{
    public const string OutcomeTag = "tenancy.sso.outcome";

    private readonly Counter<long> _tokens;
    private readonly Counter<long> _fetches;
    private readonly Counter<long> _signIns;

    public SsoMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(TenancyAspNetCoreTelemetry.Name) ?? new Meter(TenancyAspNetCoreTelemetry.Name);
        _tokens = meter.CreateCounter<long>("tenancy.sso.tokens", unit: "{token}", description: "Bearer and id tokens validated or rejected against a tenant's provider.");
        _fetches = meter.CreateCounter<long>("tenancy.sso.metadata.fetches", unit: "{fetch}", description: "Discovery document and JWKS fetches from tenants' providers.");
        _signIns = meter.CreateCounter<long>("tenancy.sso.sign_ins", unit: "{sign-in}", description: "Sign-ins through a tenant's provider, completed or refused.");
    }

    public void TokenValidated(string tenantId) =>
        _tokens.Add(1, new KeyValuePair<string, object?>(OutcomeTag, "validated"), new KeyValuePair<string, object?>("tenancy.tenant.id", tenantId));

    public void TokenRejected(string reason) =>
        _tokens.Add(1, new KeyValuePair<string, object?>(OutcomeTag, "rejected"), new KeyValuePair<string, object?>("error.type", reason));

    public void MetadataFetched(string reason, bool succeeded) =>
        _fetches.Add(1, new KeyValuePair<string, object?>("tenancy.sso.fetch_reason", reason), new KeyValuePair<string, object?>(OutcomeTag, succeeded ? "ok" : "failed"));

    public void SignIn(string tenantId, string? failure) =>
        _signIns.Add(1, new KeyValuePair<string, object?>(OutcomeTag, failure is null ? "completed" : "refused"), new KeyValuePair<string, object?>("tenancy.tenant.id", tenantId));
}
