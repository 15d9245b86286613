using Microsoft.Extensions.Logging;

namespace Tenancy.Diagnostics;

/// <summary>The SSO and tenant-secret messages (event ids 9000–9099). Never logs tokens, secrets or passwords.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9000, EventName = "SsoSettingsSaved", Level = LogLevel.Information, Message = "SSO settings of tenant {TenantId} saved (issuer {Issuer}).")]
    public static partial void SsoSettingsSaved(ILogger logger, string tenantId, string issuer);

    [LoggerMessage(EventId = 9001, EventName = "SsoSettingsDeleted", Level = LogLevel.Information, Message = "SSO settings and external logins of tenant {TenantId} deleted.")]
    public static partial void SsoSettingsDeleted(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 9002, EventName = "SsoMemberLinked", Level = LogLevel.Information, Message = "External identity of issuer {Issuer} linked to member {UserId} of tenant {TenantId} ({How}).")]
    public static partial void SsoMemberLinked(ILogger logger, string issuer, string userId, string tenantId, string how);

    [LoggerMessage(EventId = 9003, EventName = "SsoMemberRefused", Level = LogLevel.Warning, Message = "External identity of issuer {Issuer} matches no member of tenant {TenantId} and just-in-time creation is off.")]
    public static partial void SsoMemberRefused(ILogger logger, string issuer, string tenantId);

    [LoggerMessage(EventId = 9004, EventName = "SecretStored", Level = LogLevel.Information, Message = "Secret {Kind}/{Name} of tenant {TenantId} stored (version {Version}).")]
    public static partial void SecretStored(ILogger logger, string kind, string name, string tenantId, int version);

    [LoggerMessage(EventId = 9005, EventName = "SecretsDeleted", Level = LogLevel.Information, Message = "{Count} secrets of tenant {TenantId} deleted.")]
    public static partial void SecretsDeleted(ILogger logger, int count, string tenantId);

    [LoggerMessage(EventId = 9006, EventName = "SsoIndexReloaded", Level = LogLevel.Debug, Message = "SSO issuer index reloaded: {Count} issuers.")]
    public static partial void SsoIndexReloaded(ILogger logger, int count);
}
