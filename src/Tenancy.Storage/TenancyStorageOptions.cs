namespace Tenancy.Storage;

/// <summary>Options shared by both backends, validated at start-up.</summary>
public sealed class TenancyStorageOptions
{
    /// <summary>
    /// The prefix under which every tenant's folder lives (<c>{RootPrefix}/{tenant id}/{key}</c>). A valid object key whose
    /// first segment does not start with '.'; empty puts tenant folders at the top of the bucket or folder. Default <c>tenants</c>.
    /// </summary>
    public string RootPrefix { get; set; } = "tenants";
}
