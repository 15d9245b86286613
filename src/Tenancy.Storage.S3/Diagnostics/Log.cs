using Microsoft.Extensions.Logging;

namespace Tenancy.Storage.S3.Diagnostics;

/// <summary>Tenancy.Storage.S3's log messages (storage range, event ids 4500–4599).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4500, EventName = "S3MultipartAborted", Level = LogLevel.Warning, Message = "Aborted multipart upload of {Key} after a failure")]
    public static partial void MultipartAborted(ILogger logger, Exception exception, string key);
}
