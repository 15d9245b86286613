namespace Tenancy.Sso.Tests.Infrastructure;

/// <summary>An authorization code the test provider issued.</summary>
public sealed record TestPendingCode(string ClientId, string RedirectUri, string Nonce, string CodeChallenge, TestUser User);
