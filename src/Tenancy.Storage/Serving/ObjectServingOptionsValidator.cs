using Microsoft.Extensions.Options;

namespace Tenancy.Storage.Serving;

/// <summary>The source-generated validator of <see cref="ObjectServingOptions"/> (its <see cref="ObjectServingOptions.Validate"/>).</summary>
[OptionsValidator]
internal sealed partial class ObjectServingOptionsValidator : IValidateOptions<ObjectServingOptions>;
