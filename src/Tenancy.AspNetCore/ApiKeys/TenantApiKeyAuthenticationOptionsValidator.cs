using Microsoft.Extensions.Options;

namespace Tenancy.AspNetCore.ApiKeys;

/// <summary>Validates <see cref="TenantApiKeyAuthenticationOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class TenantApiKeyAuthenticationOptionsValidator : IValidateOptions<TenantApiKeyAuthenticationOptions>;
