using System.ComponentModel.DataAnnotations;
using Tenancy.Storage.Keys;

namespace Tenancy.Storage;

/// <summary>Options shared by both backends, validated at start-up.</summary>
public sealed class TenancyStorageOptions : IValidatableObject
{
    /// <summary>
    /// The prefix under which every tenant's folder lives (<c>{RootPrefix}/{tenant id}/{key}</c>). A valid object key whose
    /// first segment does not start with '.'; empty puts tenant folders at the top of the bucket or folder. Default <c>tenants</c>.
    /// </summary>
    public string RootPrefix { get; set; } = "tenants";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RootPrefix is null || (RootPrefix.Length > 0 && (!ObjectKey.IsValid(RootPrefix, 512) || RootPrefix[0] == '.')))
        {
            yield return new ValidationResult("TenancyStorageOptions.RootPrefix must be empty or a valid object key that does not start with '.'.", [nameof(RootPrefix)]);
        }
    }
}
