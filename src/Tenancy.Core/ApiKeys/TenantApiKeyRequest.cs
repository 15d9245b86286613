namespace Tenancy.ApiKeys;

/// <summary>What to create a key with.</summary>
/// <param name="Name">A name (1 to 100 characters, no control characters).</param>
/// <param name="Scopes">The scopes (each 1 to 100 printable ASCII characters without spaces); may be empty.</param>
/// <param name="ExpiresAt">When it expires, or <see langword="null"/> for never.</param>
/// <param name="CreatedBy">Who creates it, or <see langword="null"/>.</param>
public sealed record TenantApiKeyRequest(string Name, IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null, string? CreatedBy = null);
