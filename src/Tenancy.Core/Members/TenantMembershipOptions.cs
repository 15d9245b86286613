namespace Tenancy.Members;

/// <summary>Options of <see cref="TenantMembershipService"/>, set with <c>AddMembers(...)</c>.</summary>
public sealed class TenantMembershipOptions
{
    /// <summary>How long an invitation can be accepted. Default 7 days.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a user's roles in a tenant are served from memory; changes through this process evict at once. Default 1 minute.</summary>
    public TimeSpan AccessCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Returns the problems, each naming its member.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (InvitationLifetime < TimeSpan.FromMinutes(1) || InvitationLifetime > TimeSpan.FromDays(90))
        {
            errors.Add("TenantMembershipOptions.InvitationLifetime must be between 1 minute and 90 days.");
        }

        if (AccessCacheDuration < TimeSpan.Zero || AccessCacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add("TenantMembershipOptions.AccessCacheDuration must be between 0 and 1 hour.");
        }

        return errors;
    }
}
