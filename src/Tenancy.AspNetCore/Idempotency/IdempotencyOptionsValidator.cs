using Microsoft.Extensions.Options;

namespace Tenancy.AspNetCore.Idempotency;

/// <summary>Validates <see cref="IdempotencyOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class IdempotencyOptionsValidator : IValidateOptions<IdempotencyOptions>;
