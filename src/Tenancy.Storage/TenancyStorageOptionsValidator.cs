using Microsoft.Extensions.Options;

namespace Tenancy.Storage;

/// <summary>The source-generated validator of <see cref="TenancyStorageOptions"/> (its <see cref="TenancyStorageOptions.Validate"/>).</summary>
[OptionsValidator]
internal sealed partial class TenancyStorageOptionsValidator : IValidateOptions<TenancyStorageOptions>;
