namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// A console user of the sample: the id is the member user id in every tenant (the same as the demo scheme's
/// <c>user</c>), the password is kept only as a <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/> hash.
/// </summary>
/// <param name="Id">The user id (member user id).</param>
/// <param name="Email">The sign-in name.</param>
/// <param name="DisplayName">The name shown in the console.</param>
/// <param name="PasswordHash">The PBKDF2 hash (ASP.NET Core Identity v3 format).</param>
/// <param name="IsPlatformAdmin">Whether the user operates the platform (the root host's console).</param>
public sealed record SampleUser(string Id, string Email, string DisplayName, string PasswordHash, bool IsPlatformAdmin);
