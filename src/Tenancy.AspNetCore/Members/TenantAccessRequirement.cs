using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.AspNetCore.ApiKeys;
using Tenancy.Members;

namespace Tenancy.AspNetCore.Members;

/// <summary>
/// Requires a role or a permission in the <b>current</b> tenant (a role held in another tenant grants nothing). Users are
/// looked up in <see cref="TenantMembershipService"/> (cached per user and tenant); API key callers hold no roles and have
/// their scopes as permissions, and only in their own tenant. No current tenant → denied. Its own handler, so it needs no
/// registration; build it with <c>RequireTenantRole(...)</c> or <c>RequireTenantPermission(...)</c>.
/// </summary>
public sealed class TenantAccessRequirement : AuthorizationHandler<TenantAccessRequirement>, IAuthorizationRequirement
{
    private TenantAccessRequirement(IReadOnlyList<string> roles, IReadOnlyList<string> permissions)
    {
        Roles = roles;
        Permissions = permissions;
    }

    /// <summary>Any one of these roles is enough (empty: no role needed).</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Any one of these permissions is enough (empty: no permission needed).</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>Creates a requirement for any of <paramref name="roles"/>.</summary>
    /// <param name="roles">The roles.</param>
    /// <returns>The requirement.</returns>
    public static TenantAccessRequirement ForRoles(params string[] roles) => new(Check(roles, nameof(roles)), []);

    /// <summary>Creates a requirement for any of <paramref name="permissions"/>.</summary>
    /// <param name="permissions">The permissions.</param>
    /// <returns>The requirement.</returns>
    public static TenantAccessRequirement ForPermissions(params string[] permissions) => new([], Check(permissions, nameof(permissions)));

    /// <inheritdoc />
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantAccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var services = (context.Resource as HttpContext)?.RequestServices ?? (context.Resource as IServiceProvider);
        var tenantId = services?.GetService<ICurrentTenant>()?.Id;
        var user = context.User;
        if (services is null || tenantId is null || user.Identity is not { IsAuthenticated: true })
        {
            return;
        }

        if (user.FindFirst(TenantApiKeyDefaults.KeyIdClaimType) is not null)
        {
            // An API key: its scopes are its permissions, in its own tenant only; it holds no roles.
            var options = services.GetService<Microsoft.Extensions.Options.IOptionsMonitor<TenantApiKeyAuthenticationOptions>>();
            var claimType = options?.Get(TenantApiKeyDefaults.AuthenticationScheme).TenantClaimType ?? "tid";
            if (requirement.Roles.Count == 0 && user.HasClaim(claimType, tenantId)
                && requirement.Permissions.Any(p => user.HasClaim(TenantApiKeyDefaults.ScopeClaimType, p)))
            {
                context.Succeed(requirement);
            }

            return;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity.Name;
        var members = services.GetService<TenantMembershipService>();
        if (userId is null || members is null)
        {
            return;
        }

        var access = await members.GetAccessAsync(tenantId, userId, (context.Resource as HttpContext)?.RequestAborted ?? default);
        if ((requirement.Roles.Count == 0 || requirement.Roles.Any(access.HasRole))
            && (requirement.Permissions.Count == 0 || requirement.Permissions.Any(access.HasPermission)))
        {
            context.Succeed(requirement);
        }
    }

    private static string[] Check(string[] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length == 0 || values.Any(v => !TenantRole.IsValidName(v)))
        {
            throw new ArgumentException("Give at least one name, each 1 to 50 lowercase letters, digits, '-', '_', '.' or '*'.", name);
        }

        return values;
    }
}
