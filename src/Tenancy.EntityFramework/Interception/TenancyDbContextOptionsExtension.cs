using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework.Query;

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
        // The tenant convention is a plugin of EF Core's convention set, not of the context's ConfigureConventions, so a
        // subclass that overrides it (or OnModelCreating) without calling the base method still gets the filter.
        services.AddScoped<IConventionSetPlugin, TenancyConventionSetPlugin>();
        services.AddScoped<IResettableService, TenancyStateReset>();

        // The query guard decorates the provider's postprocessor: it sees the translated SQL tree of every query.
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IQueryTranslationPostprocessorFactory))
            ?? throw new TenancyConfigurationException("UseTenancy() must be called after the database provider (UseNpgsql, UseSqlite …).");
        services.Remove(descriptor);
        Func<IServiceProvider, IQueryTranslationPostprocessorFactory> inner = descriptor switch
        {
            { ImplementationInstance: IQueryTranslationPostprocessorFactory instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (IQueryTranslationPostprocessorFactory)factory(sp),
            { ImplementationType: { } type } => sp => (IQueryTranslationPostprocessorFactory)ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new TenancyConfigurationException("The database provider's query postprocessor cannot be decorated."),
        };
        services.Add(new ServiceDescriptor(
            typeof(IQueryTranslationPostprocessorFactory),
            sp => new TenancyQueryTranslationPostprocessorFactory(inner(sp), sp.GetRequiredService<QueryTranslationPostprocessorDependencies>()),
            descriptor.Lifetime));
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
