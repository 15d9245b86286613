using Microsoft.Extensions.Options;

namespace Tenancy.Billing.Payments;

/// <summary>Validates <see cref="StripeBillingOptions"/> (source-generated from the data annotations).</summary>
[OptionsValidator]
internal sealed partial class StripeBillingOptionsValidator : IValidateOptions<StripeBillingOptions>
{
}
