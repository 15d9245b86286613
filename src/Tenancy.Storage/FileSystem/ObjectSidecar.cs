namespace Tenancy.Storage.FileSystem;

/// <summary>The JSON sidecar next to each object on disk (in a parallel folder tree): what S3 keeps as object headers.</summary>
internal sealed record ObjectSidecar(string ETag, long Size, string ContentType, Dictionary<string, string> Metadata);
