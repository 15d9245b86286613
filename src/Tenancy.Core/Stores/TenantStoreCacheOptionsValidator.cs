using Microsoft.Extensions.Options;

namespace Tenancy.Stores;

/// <summary>Validates <see cref="TenantStoreCacheOptions"/> (source-generated from its attributes; messages name the member).</summary>
[OptionsValidator]
internal sealed partial class TenantStoreCacheOptionsValidator : IValidateOptions<TenantStoreCacheOptions>;
