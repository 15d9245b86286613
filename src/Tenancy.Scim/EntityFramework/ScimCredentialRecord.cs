namespace Tenancy.Scim.EntityFramework;

/// <summary>
/// A SCIM bearer token: its public id, the SHA-256 of its secret and its tenant. Not tenant-scoped on purpose — the
/// token is what tells which tenant a request belongs to, so it is looked up before any tenant is current.
/// </summary>
internal sealed class ScimCredentialRecord
{
    public string Id { get; set; } = "";

    public string TenantId { get; set; } = "";

    public byte[] SecretHash { get; set; } = [];

    public string Description { get; set; } = "";

    public DateTime Created { get; set; }

    public DateTime? LastUsed { get; set; }

    public DateTime? Revoked { get; set; }
}
