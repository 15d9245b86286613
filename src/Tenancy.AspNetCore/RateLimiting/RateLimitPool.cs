namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>Whose budget a rate-limit partition counts.</summary>
internal enum RateLimitPool
{
    /// <summary>A tenant's authenticated callers (principals, API keys).</summary>
    Authenticated = 0,

    /// <summary>A tenant's anonymous callers: a separate, smaller budget.</summary>
    Anonymous = 1,

    /// <summary>Requests without a tenant, by client address.</summary>
    WithoutTenant = 2,
}
