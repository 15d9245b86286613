namespace Tenancy.Storage.FileSystem;

/// <summary>Options of the local-disk backend, validated at start-up.</summary>
public sealed class LocalDiskStorageOptions
{
    /// <summary>The folder that holds the store (created when missing). Required.</summary>
    public string RootPath { get; set; } = "";
}
