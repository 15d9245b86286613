using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tenancy.Scim.Http;

/// <summary>
/// The per-tenant limit of the SCIM endpoints: one fixed window per tenant id. The tenant of a SCIM request is known
/// only once its token is checked, inside the endpoint — after the host's <c>UseTenancyRateLimiter()</c> middleware has
/// run with no tenant — so the SCIM endpoints apply their own partition per tenant.
/// </summary>
internal sealed class ScimRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public ScimRateLimiter(IOptions<ScimOptions> options)
    {
        var settings = options.Value;
        if (settings.RateLimitPermits > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetFixedWindowLimiter(tenant, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.RateLimitPermits,
                Window = settings.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }

        Window = settings.RateLimitWindow;
    }

    public TimeSpan Window { get; }

    public RateLimitLease? TryAcquire(string tenantId) => _limiter?.AttemptAcquire(tenantId);

    public void Dispose() => _limiter?.Dispose();
}
