using Microsoft.Extensions.Options;

namespace Tenancy.Billing.Plans;

/// <summary>Validates <see cref="PlanCatalogOptions"/> field by field (source-generated from the data annotations).</summary>
[OptionsValidator]
internal sealed partial class PlanCatalogOptionsValidator : IValidateOptions<PlanCatalogOptions>
{
}
