using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.ApiKeys;
using Tenancy.Audit;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.ApiKeys;
using Tenancy.EntityFramework.Audit;
using Tenancy.EntityFramework.Lifecycle;
using Tenancy.EntityFramework.Members;
using Tenancy.Lifecycle;
using Tenancy.Members;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps the platform services' data (API keys, members, invitations, audit log) in EF Core.</summary>
public static class TenancyPlatformStoresBuilderExtensions
{
    /// <summary>
    /// Registers the EF stores for API keys, members, the audit log and the durable lifecycle journal in <typeparamref name="TContext"/>, whose model must
    /// call <c>ApplyTenancyPlatform()</c> and which must be registered with an <see cref="IDbContextFactory{TContext}"/>
    /// (<c>AddPooledTenantDbContextFactory</c>). Pair it with <c>AddApiKeys()</c>, <c>AddMembers()</c> and <c>AddAuditLog()</c>.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddEntityFrameworkPlatformStores<TContext>(this TenancyBuilder builder)
        where TContext : DbContext, ITenantDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ITenantApiKeyStore, EfTenantApiKeyStore<TContext>>();
        builder.Services.TryAddSingleton<ITenantMemberStore, EfTenantMemberStore<TContext>>();
        builder.Services.TryAddSingleton<IAuditLogStore, EfAuditLogStore<TContext>>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ITenantLifecycleJournal, EfTenantLifecycleJournal<TContext>>());
        return builder;
    }
}
