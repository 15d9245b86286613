using Microsoft.Extensions.Options;

namespace Tenancy.Storage.S3;

/// <summary>The source-generated validator of <see cref="S3StorageOptions"/> (ranges, required bucket, and <see cref="S3StorageOptions.Validate"/>).</summary>
[OptionsValidator]
internal sealed partial class S3StorageOptionsValidator : IValidateOptions<S3StorageOptions>;
