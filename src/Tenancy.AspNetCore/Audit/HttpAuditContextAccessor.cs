using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Tenancy.AspNetCore.ApiKeys;
using Tenancy.Audit;

namespace Tenancy.AspNetCore.Audit;

/// <summary>Describes the caller of the current HTTP request for audit entries: API key or user, trace id, remote address.</summary>
internal sealed class HttpAuditContextAccessor(IHttpContextAccessor http) : IAuditContextAccessor
{
    public AuditContext? GetCurrent()
    {
        if (http.HttpContext is not { } context)
        {
            return null;
        }

        var user = context.User;
        var requestId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        var ip = context.Connection.RemoteIpAddress?.ToString();
        if (user.FindFirstValue(TenantApiKeyDefaults.KeyIdClaimType) is { } keyId)
        {
            return new AuditContext(AuditActorKind.ApiKey, keyId, requestId, ip);
        }

        if (user.Identity is { IsAuthenticated: true })
        {
            return new AuditContext(AuditActorKind.User, user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity.Name, requestId, ip);
        }

        return new AuditContext(AuditActorKind.System, null, requestId, ip);
    }
}
