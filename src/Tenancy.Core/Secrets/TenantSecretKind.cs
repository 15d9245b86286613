namespace Tenancy.Secrets;

/// <summary>What a tenant secret is for; part of its encryption purpose, so a value of one kind never decrypts as another.</summary>
public enum TenantSecretKind
{
    /// <summary>An OpenID Connect client secret.</summary>
    OidcClientSecret = 0,

    /// <summary>A webhook signing secret.</summary>
    WebhookSigningSecret = 1,

    /// <summary>A SCIM credential (a bearer token the app presents to a tenant's directory).</summary>
    ScimCredential = 2,

    /// <summary>An OAuth client credential or refresh token for a tenant's integration.</summary>
    OAuthCredential = 3,
}
