namespace Tenancy.Audit;

/// <summary>Who did something recorded in the audit log.</summary>
public enum AuditActorKind
{
    /// <summary>The platform itself (lifecycle steps, background jobs).</summary>
    System = 0,

    /// <summary>A signed-in user.</summary>
    User = 1,

    /// <summary>A caller authenticated with a tenant API key.</summary>
    ApiKey = 2,

    /// <summary>A SCIM provisioning client.</summary>
    ScimClient = 3,
}
