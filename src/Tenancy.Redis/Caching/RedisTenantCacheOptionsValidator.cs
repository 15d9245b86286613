using Microsoft.Extensions.Options;

namespace Tenancy.Redis.Caching;

/// <summary>Validates <see cref="RedisTenantCacheOptions"/> (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class RedisTenantCacheOptionsValidator : IValidateOptions<RedisTenantCacheOptions>;
