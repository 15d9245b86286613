using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy.EntityFramework;
using Tenancy.Scim.Credentials;
using Tenancy.Scim.EntityFramework;
using Tenancy.Scim.Provisioning;
using Tenancy.Scim.Roles;
using Tenancy.Scim.Stores;

namespace Tenancy.Scim.DependencyInjection;

/// <summary>Configures Tenancy.Scim: where the directory is stored and the endpoint settings.</summary>
public sealed class ScimBuilder
{
    internal ScimBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Stores the directory, tokens, role mappings and provisioning log in <typeparamref name="TContext"/>, whose
    /// <c>OnModelCreating</c> calls <c>modelBuilder.ApplyTenancyScim()</c> and which is registered with
    /// <c>AddTenantDbContext</c> (or the pooled variants). The SCIM tables are tenant-scoped, so the tenant filter,
    /// save guard and PostgreSQL row-level security apply to them.
    /// </summary>
    /// <typeparam name="TContext">The context: a <see cref="TenantDbContext"/> or any context that implements <see cref="ITenantDbContext"/> (an <c>IdentityDbContext</c> …).</typeparam>
    /// <returns>The same builder.</returns>
    public ScimBuilder UseEntityFrameworkStore<TContext>()
        where TContext : DbContext, ITenantDbContext
    {
        Services.RemoveAll<IScimStore>();
        Services.RemoveAll<IScimTokenService>();
        Services.RemoveAll<IScimProvisioningLog>();
        Services.RemoveAll<IScimRoleMappings>();
        Services.AddScoped<IScimStore, EfScimStore<TContext>>();
        Services.AddSingleton<IScimTokenService, EfScimTokenService<TContext>>();
        Services.AddScoped<IScimProvisioningLog, EfScimProvisioningLog<TContext>>();
        Services.AddScoped<IScimRoleMappings, EfScimRoleMappings<TContext>>();
        return this;
    }

    /// <summary>Uses a store of your own for users and groups (tokens, role mappings and the log still need one of the Use…Store calls or your own registrations).</summary>
    /// <typeparam name="TStore">The store type, registered as scoped.</typeparam>
    /// <returns>The same builder.</returns>
    public ScimBuilder UseStore<TStore>()
        where TStore : class, IScimStore
    {
        Services.RemoveAll<IScimStore>();
        Services.AddScoped<IScimStore, TStore>();
        return this;
    }

    /// <summary>Changes the endpoint settings (body limit, page sizes, rate limit, provisioning log).</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public ScimBuilder Configure(Action<ScimOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    internal void AddCore()
    {
        Services.TryAddSingleton(TimeProvider.System);
        Services.AddMetrics();
        Services.TryAddSingleton<Diagnostics.ScimMetrics>();
        Services.TryAddSingleton<Http.ScimRateLimiter>();
        Services.TryAddScoped<Events.ScimEventDispatcher>();
        Services.TryAddScoped<Http.ScimRequestProcessor>();
        Services.TryAddScoped<IScimJitProvisioner, ScimJitProvisioner>();
        Services.AddOptions<ScimOptions>().ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ScimOptions>, ScimOptionsValidator>());
    }
}
