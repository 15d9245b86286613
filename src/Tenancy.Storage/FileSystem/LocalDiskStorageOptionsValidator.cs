using Microsoft.Extensions.Options;

namespace Tenancy.Storage.FileSystem;

/// <summary>The source-generated validator of <see cref="LocalDiskStorageOptions"/> (attributes and <see cref="LocalDiskStorageOptions.Validate"/>).</summary>
[OptionsValidator]
internal sealed partial class LocalDiskStorageOptionsValidator : IValidateOptions<LocalDiskStorageOptions>;
