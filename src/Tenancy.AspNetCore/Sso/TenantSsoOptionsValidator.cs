using Microsoft.Extensions.Options;

namespace Tenancy.AspNetCore.Sso;

/// <summary>Validates <see cref="TenantSsoOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class TenantSsoOptionsValidator : IValidateOptions<TenantSsoOptions>;
