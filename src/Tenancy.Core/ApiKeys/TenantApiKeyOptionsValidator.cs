using Microsoft.Extensions.Options;

namespace Tenancy.ApiKeys;

/// <summary>Validates <see cref="TenantApiKeyOptions"/> at start-up (source-generated from its attributes).</summary>
[OptionsValidator]
internal sealed partial class TenantApiKeyOptionsValidator : IValidateOptions<TenantApiKeyOptions>;
