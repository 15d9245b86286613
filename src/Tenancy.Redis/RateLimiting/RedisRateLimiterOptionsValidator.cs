using Microsoft.Extensions.Options;

namespace Tenancy.Redis.RateLimiting;

/// <summary>Validates <see cref="RedisRateLimiterOptions"/> (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class RedisRateLimiterOptionsValidator : IValidateOptions<RedisRateLimiterOptions>;
