using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Tenancy.Audit;
using Tenancy.Members;

namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// The console's password sign-in, in one place: verifies the hashed password, requires a membership of the request's
/// tenant (subdomain) or the platform operator role on the root host, runs every <see cref="IPasswordSignInRule"/>, then
/// issues the cookie session (<see cref="SamplePrincipal"/>, <c>amr</c> = <c>pwd</c>) and records it in the tenant's audit log.
/// </summary>
public sealed class PasswordSignInService(
    SampleUserStore users,
    IPasswordHasher<SampleUser> hasher,
    TenantMembershipService members,
    IEnumerable<IPasswordSignInRule> rules,
    IAuditLog audit)
{
    // Verifying against a fixed hash when the e-mail is unknown keeps the two failures equally slow.
    private static readonly SampleUser Nobody = SampleUserStore.DemoUsers[0] with { Id = "-", Email = "-" };

    /// <summary>Signs a user in to <paramref name="tenant"/> (or to the platform console when it is <see langword="null"/>).</summary>
    /// <param name="context">The request.</param>
    /// <param name="tenant">The request's tenant, or <see langword="null"/> on the root host.</param>
    /// <param name="email">The e-mail typed.</param>
    /// <param name="password">The password typed.</param>
    /// <param name="cancellationToken">Cancels the sign-in.</param>
    /// <returns>Success, or why not.</returns>
    public async Task<PasswordSignInResult> SignInAsync(HttpContext context, TenantInfo? tenant, string? email, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(password) || password.Length > 256)
        {
            return PasswordSignInResult.InvalidCredentials;
        }

        var user = users.FindByEmail(email);
        var verified = hasher.VerifyHashedPassword(user ?? Nobody, (user ?? Nobody).PasswordHash, password);
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            return PasswordSignInResult.InvalidCredentials;
        }

        IReadOnlyCollection<string> roles;
        if (tenant is null)
        {
            if (!user.IsPlatformAdmin)
            {
                return PasswordSignInResult.InvalidCredentials;
            }

            roles = [SampleClaims.PlatformAdminRole];
        }
        else
        {
            var access = await members.GetAccessAsync(tenant.Id, user.Id, cancellationToken);
            if (access.Roles.Count == 0)
            {
                return PasswordSignInResult.InvalidCredentials;
            }

            roles = access.Roles;
        }

        foreach (var rule in rules)
        {
            if (await rule.CheckAsync(user, tenant, cancellationToken) is { } refusal)
            {
                return new PasswordSignInResult(false, refusal);
            }
        }

        var principal = SamplePrincipal.Create(user.Id, user.DisplayName, tenant?.Id, roles, SampleClaims.Password);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        if (tenant is not null)
        {
            await audit.WriteAsync(tenant.Id, new AuditEvent("console.signed_in", "user:" + user.Id) { ActorKind = AuditActorKind.User, ActorId = user.Id, Details = "amr=pwd" }, cancellationToken);
        }

        return PasswordSignInResult.Success;
    }
}
