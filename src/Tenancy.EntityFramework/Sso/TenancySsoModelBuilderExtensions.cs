using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Sso;

/// <summary>Adds the tables of the SSO and secret stores to a model.</summary>
public static class TenancySsoModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>TenantSsoProviders</c> (unique issuer), <c>TenantExternalLogins</c> and <c>TenantSecrets</c>. They are addressed
    /// by tenant id explicitly (not through the tenant filter) because a token's issuer is what tells the tenant. Call it from
    /// <c>OnModelCreating</c> of the context passed to <c>AddEntityFrameworkSsoStores&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="schema">The schema, or <see langword="null"/> for the default.</param>
    /// <returns>The same builder.</returns>
    public static ModelBuilder ApplyTenancySso(this ModelBuilder modelBuilder, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TenantSsoSettingsRecord>(provider =>
        {
            provider.ToTable("TenantSsoProviders", schema);
            provider.HasKey(p => p.TenantId);
            provider.Property(p => p.TenantId).HasMaxLength(TenantId.MaxLength);
            provider.Property(p => p.Issuer).HasMaxLength(400);
            provider.Property(p => p.Settings).HasMaxLength(16000);
            provider.HasIndex(p => p.Issuer).IsUnique();
        });
        modelBuilder.Entity<TenantExternalLoginRecord>(login =>
        {
            login.ToTable("TenantExternalLogins", schema);
            login.HasKey(l => new { l.TenantId, l.Issuer, l.Subject });
            login.Property(l => l.TenantId).HasMaxLength(TenantId.MaxLength);
            login.Property(l => l.Issuer).HasMaxLength(400);
            login.Property(l => l.Subject).HasMaxLength(255);
            login.Property(l => l.UserId).HasMaxLength(200);
        });
        modelBuilder.Entity<TenantSecretRecord>(secret =>
        {
            secret.ToTable("TenantSecrets", schema);
            secret.HasKey(s => new { s.TenantId, s.Kind, s.Name });
            secret.Property(s => s.TenantId).HasMaxLength(TenantId.MaxLength);
            secret.Property(s => s.Name).HasMaxLength(100);
            secret.Property(s => s.ProtectedValue).HasMaxLength(16000);
        });
        return modelBuilder;
    }
}
