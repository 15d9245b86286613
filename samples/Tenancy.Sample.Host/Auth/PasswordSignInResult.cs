namespace Tenancy.Sample.Host.Auth;

/// <summary>The outcome of <see cref="PasswordSignInService.SignInAsync"/>.</summary>
/// <param name="Succeeded">Whether the session was issued.</param>
/// <param name="Error">Why not, in words for the user (never says which of e-mail or password was wrong).</param>
public sealed record PasswordSignInResult(bool Succeeded, string? Error)
{
    /// <summary>The session was issued.</summary>
    public static PasswordSignInResult Success { get; } = new(true, null);

    /// <summary>Unknown e-mail, wrong password, or not a member of the tenant.</summary>
    public static PasswordSignInResult InvalidCredentials { get; } = new(false, "The e-mail or password is not right for this console.");
}
