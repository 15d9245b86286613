using Microsoft.Extensions.Logging;

namespace Tenancy.AspNetCore.Diagnostics;

/// <summary>The SSO messages of Tenancy.AspNetCore (event ids 9100–9199). Never logs tokens, codes, secrets or passwords.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9100, EventName = "SsoMetadataFetched", Level = LogLevel.Information, Message = "Fetched OpenID Connect metadata from {Address}: {KeyCount} signing keys ({Reason}).")]
    public static partial void MetadataFetched(ILogger logger, string address, int keyCount, string reason);

    [LoggerMessage(EventId = 9101, EventName = "SsoMetadataFetchFailed", Level = LogLevel.Warning, Message = "Fetching OpenID Connect metadata from {Address} failed.")]
    public static partial void MetadataFetchFailed(ILogger logger, string address, Exception exception);

    [LoggerMessage(EventId = 9102, EventName = "SsoKeyRefreshThrottled", Level = LogLevel.Debug, Message = "Unknown signing key for {Address}; refresh skipped (the last fetch is more recent than the minimum interval).")]
    public static partial void KeyRefreshThrottled(ILogger logger, string address);

    [LoggerMessage(EventId = 9103, EventName = "SsoTokenRejected", Level = LogLevel.Information, Message = "Token rejected: {Reason}.")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 9104, EventName = "SsoSignInStarted", Level = LogLevel.Information, Message = "Sign-in for tenant {TenantId} redirected to its provider.")]
    public static partial void SignInStarted(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 9105, EventName = "SsoSignInRefused", Level = LogLevel.Warning, Message = "Sign-in callback for tenant {TenantId} refused: {Reason}.")]
    public static partial void SignInRefused(ILogger logger, string tenantId, string reason);

    [LoggerMessage(EventId = 9106, EventName = "SsoSignedIn", Level = LogLevel.Information, Message = "Member {UserId} of tenant {TenantId} signed in through its provider.")]
    public static partial void SignedIn(ILogger logger, string userId, string tenantId);
}
