using Microsoft.EntityFrameworkCore;
using Tenancy.ApiKeys;
using Tenancy.EntityFramework.ApiKeys;
using Tenancy.EntityFramework.Audit;
using Tenancy.EntityFramework.Lifecycle;
using Tenancy.EntityFramework.Members;

namespace Tenancy.EntityFramework.Platform;

/// <summary>Adds the tables of the platform stores (API keys, members, roles, invitations, audit log) to a model.</summary>
public static class TenancyPlatformModelBuilderExtensions
{
    /// <summary>
    /// Maps the platform tables: tenant-scoped <c>TenantApiKeys</c>, <c>TenantMembers</c>, <c>TenantRoles</c>,
    /// <c>TenantInvitations</c> and <c>TenantAuditLog</c>, and the two global look-up tables <c>TenantApiKeyIndex</c> and
    /// <c>TenantUserIndex</c> (ids only), and the lifecycle journal <c>TenantLifecycleJournal</c>. Call it from <c>OnModelCreating</c> of a <see cref="TenantDbContext"/> or of any context that implements <see cref="ITenantDbContext"/>
    /// (<see cref="TenancyPlatformDbContext"/> does). Keep these tables out of the context whose data
    /// <c>DeleteTenantDataAsync</c> erases: the platform stores delete their own rows, and the audit log is append-only.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="schema">The schema, or <see langword="null"/> for the default.</param>
    /// <returns>The same builder.</returns>
    public static ModelBuilder ApplyTenancyPlatform(this ModelBuilder modelBuilder, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TenantApiKeyRecord>(key =>
        {
            key.ToTable("TenantApiKeys", schema);
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(TenantApiKeyFormat.KeyIdLength);
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Scopes).HasMaxLength(5100);
            key.Property(k => k.SecretHash).HasMaxLength(TenantApiKeyFormat.HashBytes);
            key.Property(k => k.CreatedBy).HasMaxLength(200);
            key.HasIndex(k => k.CreatedAt);
        });
        modelBuilder.Entity<TenantApiKeyIndexRecord>(index =>
        {
            index.ToTable("TenantApiKeyIndex", schema);
            index.HasKey(k => k.Id);
            index.Property(k => k.Id).HasMaxLength(TenantApiKeyFormat.KeyIdLength);
            index.Property(k => k.TenantId).HasMaxLength(TenantId.MaxLength);
            index.HasIndex(k => k.TenantId);
        });
        modelBuilder.Entity<TenantMemberRecord>(member =>
        {
            member.ToTable("TenantMembers", schema);
            member.HasKey(m => new { m.TenantId, m.UserId });
            member.Property(m => m.UserId).HasMaxLength(200);
            member.Property(m => m.Email).HasMaxLength(254);
            member.Property(m => m.Roles).HasMaxLength(2000);
            member.HasIndex(m => m.IsOwner);
        });
        modelBuilder.Entity<TenantUserIndexRecord>(index =>
        {
            index.ToTable("TenantUserIndex", schema);
            index.HasKey(m => new { m.UserId, m.TenantId });
            index.Property(m => m.UserId).HasMaxLength(200);
            index.Property(m => m.TenantId).HasMaxLength(TenantId.MaxLength);
            index.HasIndex(m => m.TenantId);
        });
        modelBuilder.Entity<TenantRoleRecord>(role =>
        {
            role.ToTable("TenantRoles", schema);
            role.HasKey(r => new { r.TenantId, r.Name });
            role.Property(r => r.Name).HasMaxLength(50);
            role.Property(r => r.Permissions).HasMaxLength(5100);
        });
        modelBuilder.Entity<TenantInvitationRecord>(invitation =>
        {
            invitation.ToTable("TenantInvitations", schema);
            invitation.HasKey(i => i.Id);
            invitation.Property(i => i.Id).HasMaxLength(TenantApiKeyFormat.KeyIdLength);
            invitation.Property(i => i.Email).HasMaxLength(254);
            invitation.Property(i => i.Role).HasMaxLength(50);
            invitation.Property(i => i.TokenHash).HasMaxLength(TenantApiKeyFormat.HashBytes);
            invitation.Property(i => i.CreatedBy).HasMaxLength(200);
            invitation.Property(i => i.AcceptedBy).HasMaxLength(200);
            invitation.HasIndex(i => i.CreatedAt);
        });
        modelBuilder.Entity<AuditEntryRecord>(entry =>
        {
            entry.ToTable("TenantAuditLog", schema);
            entry.HasKey(e => new { e.TenantId, e.Sequence });
            entry.Property(e => e.Sequence).ValueGeneratedNever();
            entry.Property(e => e.ActorId).HasMaxLength(200);
            entry.Property(e => e.Action).HasMaxLength(100);
            entry.Property(e => e.Target).HasMaxLength(400);
            entry.Property(e => e.RequestId).HasMaxLength(100);
            entry.Property(e => e.SourceIp).HasMaxLength(64);
            entry.Property(e => e.Details).HasMaxLength(2000);
            entry.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
            entry.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
            entry.HasIndex(e => e.TimestampTicks);
            entry.HasIndex(e => e.Action);
        });
        modelBuilder.Entity<TenantLifecycleJournalRecord>(journal =>
        {
            journal.ToTable("TenantLifecycleJournal", schema);
            journal.HasKey(j => new { j.TenantId, j.Operation, j.Step });
            journal.Property(j => j.TenantId).HasMaxLength(TenantId.MaxLength);
            journal.Property(j => j.Operation).HasMaxLength(20);
            journal.Property(j => j.Step).HasMaxLength(200);
        });
        return modelBuilder;
    }
}
