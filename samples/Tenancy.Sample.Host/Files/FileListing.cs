namespace Tenancy.Sample.Host.Files;

/// <summary>A page of the current tenant's files.</summary>
/// <param name="Files">The files.</param>
/// <param name="ContinuationToken">Pass it back as <c>continuationToken</c> for the next page.</param>
public sealed record FileListing(IReadOnlyList<FileEntry> Files, string? ContinuationToken);
