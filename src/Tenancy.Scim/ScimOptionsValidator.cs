using Microsoft.Extensions.Options;

namespace Tenancy.Scim;

/// <summary>Validates <see cref="ScimOptions"/> from its data annotations (source-generated).</summary>
[OptionsValidator]
internal sealed partial class ScimOptionsValidator : IValidateOptions<ScimOptions>;
