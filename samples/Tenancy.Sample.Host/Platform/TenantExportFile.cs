using Tenancy.Lifecycle;

namespace Tenancy.Sample.Host.Platform;

/// <summary>
/// Builds a tenant's export archive in a temporary file (deleted when the stream closes) before it is sent: the archive
/// cannot be written to the response stream itself (ZipArchive's async entries need a seekable stream; written straight
/// to the response it ended in a truncated 200), and a failure then surfaces before any byte is sent.
/// </summary>
public static class TenantExportFile
{
    /// <summary>Exports <paramref name="tenantId"/> to a temporary file, positioned at its start.</summary>
    /// <param name="lifecycle">The orchestrator.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The archive; disposing it deletes the file.</returns>
    public static async Task<Stream> CreateAsync(TenantLifecycleOrchestrator lifecycle, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await lifecycle.ExportAsync(tenantId, file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
