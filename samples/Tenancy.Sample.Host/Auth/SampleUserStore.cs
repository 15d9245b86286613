using System.Collections.Frozen;

namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// The sample's console users, FOR THE DEMO: seeded in code with hashed passwords (the clear passwords are in the
/// README). <see cref="Memberships"/> are seeded into the real member store at start-up, so a user's tenants and roles
/// come from <c>TenantMembershipService</c> like any other member's. A real application keeps users in ASP.NET Core
/// Identity or signs them in through its identity provider.
/// </summary>
public sealed class SampleUserStore
{
    /// <summary>The platform operator: <c>admin@example.com</c>.</summary>
    public const string PlatformAdminId = "platform-admin";

    private readonly FrozenDictionary<string, SampleUser> _byEmail;
    private readonly FrozenDictionary<string, SampleUser> _byId;

    /// <summary>Creates the store with the demo users.</summary>
    public SampleUserStore()
        : this(DemoUsers)
    {
    }

    /// <summary>Creates the store with <paramref name="users"/>.</summary>
    /// <param name="users">The users.</param>
    public SampleUserStore(IEnumerable<SampleUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var list = users.ToList();
        _byEmail = list.ToFrozenDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);
        _byId = list.ToFrozenDictionary(u => u.Id, StringComparer.Ordinal);
    }

    /// <summary>The demo users (passwords: README, "Admin console").</summary>
    public static IReadOnlyList<SampleUser> DemoUsers { get; } =
    [
        new(PlatformAdminId, "admin@example.com", "Platform admin", "AQAAAAIAAYagAAAAEM3TgSpiXss2iL+aJ8hjeh7OEjUK4LaLZkGLHU/+RSv5aN+ltg+nGIeE+t6mhce9fg==", IsPlatformAdmin: true),
        new("ada", "ada@acme.test", "Ada (Acme owner)", "AQAAAAIAAYagAAAAEPTqjIRXuxs4kGieYjSM/vRB4sTbXDJIJ0lXFaG9NEg8z5tlglTIAY4v1nWEGhs8xQ==", IsPlatformAdmin: false),
        new("ben", "ben@acme.test", "Ben (Acme member)", "AQAAAAIAAYagAAAAELqxZcLcMA3pnKyx0wP5Ue/KTK8LcKQC9qaOzr6ZsQh9NWNk9O1mKO0qde7o8Q/6sA==", IsPlatformAdmin: false),
        new("gus", "gus@globex.test", "Gus (Globex owner)", "AQAAAAIAAYagAAAAEN2E3YB1rImj7zNLlrXO/NYIpybN0+O+/ArUJJ3eeXsDzv6MxluvlwBjW/ClFBJBMw==", IsPlatformAdmin: false),
    ];

    /// <summary>The demo memberships seeded into the member store: (tenant id, user id, e-mail, roles).</summary>
    public static IReadOnlyList<(string TenantId, string UserId, string Email, string[] Roles)> Memberships { get; } =
    [
        ("t-acme", "ada", "ada@acme.test", ["owner"]),
        ("t-acme", "ben", "ben@acme.test", ["member"]),
        ("t-globex", "gus", "gus@globex.test", ["owner"]),
    ];

    /// <summary>Finds a user by sign-in e-mail (case-insensitive).</summary>
    /// <param name="email">The e-mail.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    public SampleUser? FindByEmail(string? email) => email is { Length: > 0 and <= 256 } && _byEmail.TryGetValue(email.Trim(), out var user) ? user : null;

    /// <summary>Finds a user by id.</summary>
    /// <param name="id">The user id.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    public SampleUser? FindById(string? id) => id is not null && _byId.TryGetValue(id, out var user) ? user : null;
}
