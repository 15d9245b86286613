using System.ComponentModel.DataAnnotations;

namespace Tenancy.AspNetCore.Idempotency;

/// <summary>Options of the <c>Idempotency-Key</c> middleware (<c>AddIdempotency(...)</c>, <c>app.UseTenancyIdempotency()</c>).</summary>
public sealed class IdempotencyOptions : IValidatableObject
{
    /// <summary>The request header. Default <c>Idempotency-Key</c>.</summary>
    public string HeaderName { get; set; } = "Idempotency-Key";

    /// <summary>How long a stored response is replayed. Default 24 hours.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a request in progress blocks duplicates (if the process dies mid-request, the key frees after this). Default 1 minute.</summary>
    public TimeSpan InProgressTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest response body stored; a larger response is replayed with its status and headers but no body. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Returns the problems, each naming its member.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>The problems; empty when valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<ValidationResult>();
        if (string.IsNullOrWhiteSpace(HeaderName))
        {
            errors.Add(new ValidationResult("IdempotencyOptions.HeaderName must be set.", [nameof(HeaderName)]));
        }

        if (Expiration < TimeSpan.FromSeconds(1))
        {
            errors.Add(new ValidationResult("IdempotencyOptions.Expiration must be at least 1 second.", [nameof(Expiration)]));
        }

        if (InProgressTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add(new ValidationResult("IdempotencyOptions.InProgressTimeout must be at least 1 second.", [nameof(InProgressTimeout)]));
        }

        if (MaxBodyBytes is < 0 or > 64 * 1024 * 1024)
        {
            errors.Add(new ValidationResult("IdempotencyOptions.MaxBodyBytes must be between 0 and 64 MiB.", [nameof(MaxBodyBytes)]));
        }

        return errors;
    }
}
