using System.ComponentModel.DataAnnotations;

namespace Tenancy.Members;

/// <summary>Options of <see cref="TenantMembershipService"/>, set with <c>AddMembers(...)</c>.</summary>
public sealed class TenantMembershipOptions : IValidatableObject
{
    /// <summary>How long an invitation can be accepted. Default 7 days.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a user's roles in a tenant are served from memory; changes through this process evict at once. Default 1 minute.</summary>
    public TimeSpan AccessCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Returns the problems, each naming its member.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>The problems; empty when valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<ValidationResult>();
        if (InvitationLifetime < TimeSpan.FromMinutes(1) || InvitationLifetime > TimeSpan.FromDays(90))
        {
            errors.Add(new ValidationResult("TenantMembershipOptions.InvitationLifetime must be between 1 minute and 90 days.", [nameof(InvitationLifetime)]));
        }

        if (AccessCacheDuration < TimeSpan.Zero || AccessCacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add(new ValidationResult("TenantMembershipOptions.AccessCacheDuration must be between 0 and 1 hour.", [nameof(AccessCacheDuration)]));
        }

        return errors;
    }
}
