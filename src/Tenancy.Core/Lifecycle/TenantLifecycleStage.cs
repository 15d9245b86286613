namespace Tenancy.Lifecycle;

/// <summary>The stages of onboarding and offboarding in which a <see cref="TenantLifecycleStep"/> may take part.</summary>
public enum TenantLifecycleStage
{
    /// <summary>Onboarding: create what the tenant needs (schema, database, seed rows, external accounts).</summary>
    Provision = 0,

    /// <summary>Offboarding: write the tenant's data into the export archive.</summary>
    Export = 1,

    /// <summary>Offboarding: revoke every credential (API keys, SCIM tokens, invitations).</summary>
    RevokeCredentials = 2,

    /// <summary>Offboarding: delete the tenant's data.</summary>
    DeleteData = 3,
}
