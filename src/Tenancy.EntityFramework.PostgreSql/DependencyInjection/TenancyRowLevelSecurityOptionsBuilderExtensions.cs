using System.Text.RegularExpressions;
using Tenancy;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.Infrastructure;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Adds PostgreSQL row-level security to <c>UseTenancy(...)</c> / <c>AddTenantDbContext(...)</c>. In the namespace of
/// <c>UseTenancy</c> and <c>UseNpgsql</c> (an EF Core options extension, like theirs), not of the DI builders.
/// </summary>
public static partial class TenancyRowLevelSecurityOptionsBuilderExtensions
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// PostgreSQL only: sends the current tenant with every command (in the same batch, no extra round trip) as the
    /// setting <paramref name="setting"/>, for the policies that <c>EnableTenantRowLevelSecurity</c> (migrations) or
    /// <see cref="TenantRowLevelSecurity.ApplyAsync"/> create. With no tenant the setting is emptied, so the policies deny
    /// every tenant row. Connect as a role that does not own the tables, is not a superuser and has no BYPASSRLS.
    /// Call <c>UseNpgsql</c> before <c>UseTenancy</c>: any other provider is refused with
    /// <see cref="TenancyConfigurationException"/>.
    /// </summary>
    /// <param name="builder">The Tenancy options builder.</param>
    /// <param name="setting">The custom setting name (<c>prefix.name</c>).</param>
    /// <returns>The same builder.</returns>
    public static TenancyDbContextOptionsBuilder UseRowLevelSecurity(this TenancyDbContextOptionsBuilder builder, string setting = TenancyDbContextOptions.DefaultTenantSetting)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        if (!SettingName().IsMatch(setting))
        {
            throw new ArgumentException("A PostgreSQL custom setting is two lowercase identifiers joined by a dot, such as 'tenancy.tenant_id'.", nameof(setting));
        }

        var infrastructure = (ITenancyDbContextOptionsBuilderInfrastructure)builder;
        var provider = infrastructure.OptionsBuilder.Options.Extensions.FirstOrDefault(e => e.Info.IsDatabaseProvider);
        if (provider is null || !string.Equals(provider.GetType().Assembly.GetName().Name, NpgsqlProvider, StringComparison.Ordinal))
        {
            throw new TenancyConfigurationException(
                $"UseRowLevelSecurity() is for PostgreSQL: call UseNpgsql(...) before UseTenancy(...) (the provider is {(provider is null ? "not chosen yet" : provider.GetType().Assembly.GetName().Name)}).");
        }

        infrastructure.UseRowLevelSecuritySetting(setting);
        infrastructure.OptionsBuilder.AddInterceptors(new RowLevelSecurityCommandInterceptor(infrastructure.Options));
        return builder;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SettingName();
}
