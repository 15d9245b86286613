using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// Per-tenant, per-caller rate limits, chosen by the tenant's <see cref="TenantInfo.Plan"/>. A plan's limit (or
/// <c>SetDefault</c>'s, or none) is the tenant-wide cap for its authenticated callers; inside it, each authenticated
/// caller (principal or API key, see <see cref="CallerClaimTypes"/> and <see cref="CallerIdSelector"/>) may use at most
/// <see cref="CallerShare"/> of it, so one user cannot starve another. Anonymous requests of a tenant count against a
/// separate, smaller budget — <see cref="AnonymousShare"/> of the plan's limit for the tenant, and
/// <see cref="CallerShare"/> of that per client address — so unauthenticated traffic naming a tenant can never use up
/// the allowance of the tenant's signed-in users.
/// </summary>
/// <remarks>
/// The client address is <c>HttpContext.Connection.RemoteIpAddress</c>. Behind a proxy or load balancer, run
/// <c>app.UseForwardedHeaders()</c> (with <c>KnownProxies</c>/<c>KnownNetworks</c> set to your proxies) before
/// <c>UseTenancyRateLimiter()</c>, so that it is the client's address and not the proxy's; or set
/// <see cref="ClientAddressSelector"/>. Never trust <c>X-Forwarded-For</c> from the internet: anyone can send it.
/// </remarks>
/// <example>
/// <code>
/// services.AddTenancyRateLimiter(o => o
///     .SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) })
///     .AddPlan("pro", new TokenBucketRateLimiterOptions { TokenLimit = 1000, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(1) })
///     .AddUnlimitedPlan("enterprise")
///     .LimitRequestsWithoutTenant(new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) }));
/// </code>
/// </example>
public sealed class TenantRateLimiterOptions
{
    private readonly Dictionary<string, RateLimitSpec> _plans = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>Retry-After</c> sent when the limiter cannot tell how long to wait. One second by default.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "TenantRateLimiterOptions.DefaultRetryAfter must be between 1 ms and 1 day.")]
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The fraction of a pool's limit that one caller may use: of the tenant's limit for each authenticated caller, of
    /// the tenant's anonymous budget for each client address. 0.5 by default; 1 lets one caller use all of it.
    /// </summary>
    [Range(0.01, 1.0, ErrorMessage = "TenantRateLimiterOptions.CallerShare must be between 0.01 and 1.")]
    public double CallerShare { get; set; } = 0.5;

    /// <summary>
    /// The tenant's budget for anonymous requests, as a fraction of its plan's limit, counted apart from the
    /// authenticated callers' cap. 0.1 by default. A tenant's total is therefore at most its limit plus this share.
    /// </summary>
    [Range(0.01, 1.0, ErrorMessage = "TenantRateLimiterOptions.AnonymousShare must be between 0.01 and 1.")]
    public double AnonymousShare { get; set; } = 0.1;

    /// <summary>
    /// How many leading bits of a client's IPv6 address identify it (64 by default: a subscriber usually holds a whole
    /// /64, so counting single addresses would let one client spread over billions of budgets).
    /// </summary>
    [Range(32, 128, ErrorMessage = "TenantRateLimiterOptions.IPv6PrefixLength must be between 32 and 128.")]
    public int IPv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// Claim types that carry an authenticated caller's id, tried in order on each authenticated identity: <c>sub</c>,
    /// <see cref="ClaimTypes.NameIdentifier"/>, <c>client_id</c> by default. An authenticated caller with none of them
    /// is counted by its client address (in the authenticated pool).
    /// </summary>
    public IList<string> CallerClaimTypes { get; } = ["sub", ClaimTypes.NameIdentifier, "client_id"];

    /// <summary>
    /// Returns the caller id of an authenticated request (an API key id, say), or <see langword="null"/> to fall back
    /// to <see cref="CallerClaimTypes"/>. Called on every authenticated request: return a string the request already
    /// holds rather than building one.
    /// </summary>
    public Func<HttpContext, string?>? CallerIdSelector { get; set; }

    /// <summary>
    /// Returns the client address that anonymous budgets are counted by. <see langword="null"/> (the default) reads
    /// <c>HttpContext.Connection.RemoteIpAddress</c>, which <c>UseForwardedHeaders()</c> rewrites from trusted proxies'
    /// headers when it runs first.
    /// </summary>
    public Func<HttpContext, IPAddress?>? ClientAddressSelector { get; set; }

    /// <summary>The plans with limits of their own.</summary>
    public IReadOnlyCollection<string> Plans => _plans.Keys;

    internal RateLimitSpec Default { get; private set; } = RateLimitSpec.Unlimited;

    internal RateLimitSpec WithoutTenant { get; private set; } = RateLimitSpec.Unlimited;

    /// <summary>Limits tenants of every plan without an entry with a fixed window.</summary>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(FixedWindowRateLimiterOptions options) => SetDefault(RateLimitSpec.Of(options));

    /// <summary>Limits tenants of every plan without an entry with a sliding window.</summary>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(SlidingWindowRateLimiterOptions options) => SetDefault(RateLimitSpec.Of(options));

    /// <summary>Limits tenants of every plan without an entry with a token bucket.</summary>
    /// <param name="options">The bucket.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(TokenBucketRateLimiterOptions options) => SetDefault(RateLimitSpec.Of(options));

    /// <summary>Limits tenants of every plan without an entry to a number of concurrent requests.</summary>
    /// <param name="options">The concurrency limit.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(ConcurrencyLimiterOptions options) => SetDefault(RateLimitSpec.Of(options));

    /// <summary>Limits tenants on <paramref name="plan"/> with a fixed window.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, FixedWindowRateLimiterOptions options) => AddPlan(plan, RateLimitSpec.Of(options));

    /// <summary>Limits tenants on <paramref name="plan"/> with a sliding window.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, SlidingWindowRateLimiterOptions options) => AddPlan(plan, RateLimitSpec.Of(options));

    /// <summary>Limits tenants on <paramref name="plan"/> with a token bucket.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The bucket.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, TokenBucketRateLimiterOptions options) => AddPlan(plan, RateLimitSpec.Of(options));

    /// <summary>Limits tenants on <paramref name="plan"/> to a number of concurrent requests.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The concurrency limit.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, ConcurrencyLimiterOptions options) => AddPlan(plan, RateLimitSpec.Of(options));

    /// <summary>Lets tenants on <paramref name="plan"/> through without limits (authenticated and anonymous alike).</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddUnlimitedPlan(string plan) => AddPlan(plan, RateLimitSpec.Unlimited);

    /// <summary>
    /// Limits requests that run without a tenant (endpoints marked <c>AllowWithoutTenant()</c>, such as sign-in pages or
    /// presigned-URL downloads, and requests that name none) per client address with a fixed window. Without this call
    /// they are not limited.
    /// </summary>
    /// <param name="options">The window, per client address.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions LimitRequestsWithoutTenant(FixedWindowRateLimiterOptions options)
    {
        WithoutTenant = RateLimitSpec.Of(options);
        return this;
    }

    internal RateLimitSpec SpecFor(string? plan) => plan is not null && _plans.TryGetValue(plan, out var spec) ? spec : Default;

    private TenantRateLimiterOptions SetDefault(RateLimitSpec spec)
    {
        Default = spec;
        return this;
    }

    private TenantRateLimiterOptions AddPlan(string plan, RateLimitSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(plan);
        _plans[plan] = spec;
        return this;
    }
}
