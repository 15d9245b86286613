using Microsoft.Extensions.Options;

namespace Tenancy.Redis;

/// <summary>Validates <see cref="TenancyRedisOptions"/> (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class TenancyRedisOptionsValidator : IValidateOptions<TenancyRedisOptions>;
