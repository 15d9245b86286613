namespace Tenancy.Sso.Tests.Infrastructure;

/// <summary>A person the test provider signs in.</summary>
public sealed record TestUser(string Subject, string? Email, bool EmailVerified, string? Name, string? TenantClaim = null);
