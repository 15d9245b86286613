using Microsoft.Extensions.Options;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>Validates <see cref="TenantRateLimiterOptions"/> at start-up (source-generated from its DataAnnotations).</summary>
[OptionsValidator]
internal sealed partial class TenantRateLimiterOptionsValidator : IValidateOptions<TenantRateLimiterOptions>;
