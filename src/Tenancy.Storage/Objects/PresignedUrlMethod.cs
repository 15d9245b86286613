namespace Tenancy.Storage.Objects;

/// <summary>What a presigned URL allows.</summary>
public enum PresignedUrlMethod
{
    /// <summary>Download the object (HTTP GET).</summary>
    Get = 0,

    /// <summary>Upload the object (HTTP PUT).</summary>
    Put,
}
