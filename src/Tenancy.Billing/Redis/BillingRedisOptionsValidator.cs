using Microsoft.Extensions.Options;

namespace Tenancy.Billing.Redis;

/// <summary>Validates <see cref="BillingRedisOptions"/> (source-generated from the data annotations).</summary>
[OptionsValidator]
internal sealed partial class BillingRedisOptionsValidator : IValidateOptions<BillingRedisOptions>
{
}
