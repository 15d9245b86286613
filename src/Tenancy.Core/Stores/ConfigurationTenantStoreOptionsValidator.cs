using Microsoft.Extensions.Options;

namespace Tenancy.Stores;

/// <summary>Fails start-up (<c>ValidateOnStart</c>) when the tenants in configuration are invalid.</summary>
internal sealed class ConfigurationTenantStoreOptionsValidator : IValidateOptions<ConfigurationTenantStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ConfigurationTenantStoreOptions options)
    {
        if (options.Section is null)
        {
            return ValidateOptionsResult.Skip;
        }

        return ConfigurationTenantStore.TryRead(options.Section, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"The tenant configuration{ConfigurationTenantStore.DescribeSection(options.Section)} is invalid: {error}");
    }
}
