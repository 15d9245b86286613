using Microsoft.EntityFrameworkCore;
using Tenancy.Scim.EntityFramework;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the SCIM tables to the model of a <c>TenantDbContext</c> or of any context that implements <c>ITenantDbContext</c>.</summary>
public static class ScimModelBuilderExtensions
{
    /// <summary>
    /// Adds the SCIM tables: <c>ScimUsers</c>, <c>ScimGroups</c>, <c>ScimGroupMembers</c> (one row per membership),
    /// <c>ScimRoleMappings</c>, <c>ScimProvisioningLog</c> (all tenant-scoped: the tenant filter, save guard and
    /// row-level security apply) and <c>ScimCredentials</c> (hashed bearer tokens, looked up before a tenant is known).
    /// Indexes: (tenant, upper-cased userName) unique, (tenant, externalId), (tenant, displayName), (tenant, member).
    /// Call it from <c>OnModelCreating</c> of the context given to <c>UseEntityFrameworkStore&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="schema">The database schema, or <see langword="null"/> for the default.</param>
    /// <returns>The same model builder.</returns>
    public static ModelBuilder ApplyTenancyScim(this ModelBuilder modelBuilder, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ScimUserRecord>(b =>
        {
            b.ToTable("ScimUsers", schema);
            b.HasKey(u => u.Id);
            b.Property(u => u.Id).HasMaxLength(64);
            b.Property(u => u.UserName).HasMaxLength(512);
            b.Property(u => u.UserNameKey).HasMaxLength(512);
            b.Property(u => u.ExternalId).HasMaxLength(512);
            b.Property(u => u.DisplayNameKey).HasMaxLength(512);
            b.Property(u => u.GivenNameKey).HasMaxLength(512);
            b.Property(u => u.FamilyNameKey).HasMaxLength(512);
            b.Property(u => u.EmailKey).HasMaxLength(512);
            b.Property(u => u.Version).IsConcurrencyToken();
            b.HasIndex(u => u.UserNameKey).IsUnique();   // (TenantId, UserNameKey): the convention leads every index with the tenant.
            b.HasIndex(u => u.ExternalId);
            b.HasIndex(u => u.DisplayNameKey);
            b.HasIndex(u => u.EmailKey);
        });
        modelBuilder.Entity<ScimGroupRecord>(b =>
        {
            b.ToTable("ScimGroups", schema);
            b.HasKey(g => g.Id);
            b.Property(g => g.Id).HasMaxLength(64);
            b.Property(g => g.DisplayName).HasMaxLength(512);
            b.Property(g => g.DisplayNameKey).HasMaxLength(512);
            b.Property(g => g.ExternalId).HasMaxLength(512);
            b.Property(g => g.Version).IsConcurrencyToken();
            b.HasIndex(g => g.DisplayNameKey);
            b.HasIndex(g => g.ExternalId);
        });
        modelBuilder.Entity<ScimGroupMemberRecord>(b =>
        {
            b.ToTable("ScimGroupMembers", schema);
            b.HasKey(m => new { m.GroupId, m.MemberId });
            b.Property(m => m.GroupId).HasMaxLength(64);
            b.Property(m => m.MemberId).HasMaxLength(64);
            b.Property(m => m.MemberType).HasMaxLength(16);
            b.HasIndex(m => m.MemberId);
        });
        modelBuilder.Entity<ScimRoleMappingRecord>(b =>
        {
            b.ToTable("ScimRoleMappings", schema);
            b.HasKey(r => r.Id);
            b.Property(r => r.GroupId).HasMaxLength(64);
            b.Property(r => r.GroupDisplayNameKey).HasMaxLength(512);
            b.Property(r => r.Role).HasMaxLength(256);
            b.HasIndex(r => r.GroupId);
            b.HasIndex(r => r.GroupDisplayNameKey);
        });
        modelBuilder.Entity<ScimProvisioningLogRecord>(b =>
        {
            b.ToTable("ScimProvisioningLog", schema);
            b.HasKey(l => l.Id);
            b.Property(l => l.Method).HasMaxLength(16);
            b.Property(l => l.Resource).HasMaxLength(64);
            b.Property(l => l.ResourceId).HasMaxLength(64);
            b.Property(l => l.Summary).HasMaxLength(2048);
            b.Property(l => l.ScimType).HasMaxLength(32);
            b.Property(l => l.Error).HasMaxLength(1024);
            b.HasIndex(l => l.Timestamp);
        });
        modelBuilder.Entity<ScimCredentialRecord>(b =>
        {
            b.ToTable("ScimCredentials", schema);
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).HasMaxLength(32);
            b.Property(c => c.TenantId).HasMaxLength(128);
            b.Property(c => c.SecretHash).HasMaxLength(32);
            b.Property(c => c.Description).HasMaxLength(256);
            b.HasIndex(c => c.TenantId);
        });
        return modelBuilder;
    }
}
