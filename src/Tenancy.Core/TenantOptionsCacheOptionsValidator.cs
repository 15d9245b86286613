using Microsoft.Extensions.Options;

namespace Tenancy;

/// <summary>Validates <see cref="TenantOptionsCacheOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class TenantOptionsCacheOptionsValidator : IValidateOptions<TenantOptionsCacheOptions>;
