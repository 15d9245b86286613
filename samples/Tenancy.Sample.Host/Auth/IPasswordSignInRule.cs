namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// A rule every password sign-in passes after the password is verified and before the session is issued (register
/// implementations as singletons; all of them run). The place for "this tenant enforces single sign-on".
/// </summary>
public interface IPasswordSignInRule
{
    /// <summary>Checks a password sign-in.</summary>
    /// <param name="user">The user whose password was verified.</param>
    /// <param name="tenant">The tenant signed in to, or <see langword="null"/> on the root host (platform operators).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="null"/> to allow it, or the reason shown to the user when it is refused.</returns>
    ValueTask<string?> CheckAsync(SampleUser user, TenantInfo? tenant, CancellationToken cancellationToken);
}
