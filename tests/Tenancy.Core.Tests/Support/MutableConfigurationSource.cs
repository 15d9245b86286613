using Microsoft.Extensions.Configuration;

namespace Tenancy.Core.Tests.Support;

/// <summary>A configuration source whose whole content can be replaced, firing a reload like a changed file.</summary>
internal sealed class MutableConfigurationSource : IConfigurationSource
{
    private readonly Provider _provider = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    public void Replace(IDictionary<string, string?> data) => _provider.Replace(data);

    private sealed class Provider : ConfigurationProvider
    {
        public void Replace(IDictionary<string, string?> data)
        {
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
