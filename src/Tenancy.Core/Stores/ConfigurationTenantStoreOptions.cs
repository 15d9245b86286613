using Microsoft.Extensions.Configuration;

namespace Tenancy.Stores;

/// <summary>Carries the section of <c>WithConfigurationStore</c> to its start-up validation.</summary>
internal sealed class ConfigurationTenantStoreOptions
{
    public IConfiguration? Section { get; set; }
}
