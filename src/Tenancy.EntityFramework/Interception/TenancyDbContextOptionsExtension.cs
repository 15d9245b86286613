using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.EntityFramework.Interception;

/// <summary>Carries <see cref="TenancyDbContextOptions"/> inside <c>DbContextOptions</c>.</summary>
internal sealed class TenancyDbContextOptionsExtension : IDbContextOptionsExtension
{
    public TenancyDbContextOptionsExtension(TenancyDbContextOptions options)
    {
        Options = options;
        Info = new ExtensionInfo(this);
    }

    public TenancyDbContextOptions Options { get; }

    public DbContextOptionsExtensionInfo Info { get; }

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using Tenancy ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Tenancy"] = "1";
    }
}
