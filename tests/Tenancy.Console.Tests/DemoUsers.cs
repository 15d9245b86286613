namespace Tenancy.Console.Tests;

/// <summary>The sample's seeded console users and their demo passwords (README, "Admin console").</summary>
public static class DemoUsers
{
    public static readonly (string Email, string Password) PlatformAdmin = ("admin@example.com", "Platform-demo-2026!");
    public static readonly (string Email, string Password) AcmeOwner = ("ada@acme.test", "Acme-owner-2026!");
    public static readonly (string Email, string Password) AcmeMember = ("ben@acme.test", "Acme-member-2026!");
    public static readonly (string Email, string Password) GlobexOwner = ("gus@globex.test", "Globex-owner-2026!");
}
