using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Platform.Tests.Lifecycle;

public sealed class Note : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;
}

/// <summary>The host's own data, in its own context (apart from the platform tables).</summary>
public sealed class NotesDb(DbContextOptions<NotesDb> options) : TenantDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
}
