using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.EntityFramework.Tests;

public sealed class Note : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Title { get; set; } = "";

    public bool IsDeleted { get; set; }

    public List<Comment> Comments { get; set; } = [];
}

[TenantScoped]
public sealed class Comment
{
    public int Id { get; set; }

    public int NoteId { get; set; }

    public Note? Note { get; set; }

    public string Text { get; set; } = "";
}

public sealed class Tag
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

public sealed class Country
{
    public int Id { get; set; }

    public string Code { get; set; } = "";
}

public sealed class TestDb(DbContextOptions<TestDb> options) : TenantDbContext(options)
{
    public const string SoftDeleteFilter = "SoftDelete";

    public static int ModelBuilds;

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<Country> Countries => Set<Country>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Interlocked.Increment(ref ModelBuilds);
        modelBuilder.Entity<Note>().HasQueryFilter(SoftDeleteFilter, n => !n.IsDeleted);
        modelBuilder.Entity<Note>().HasIndex(n => n.Title).IsUnique();
        modelBuilder.Entity<Tag>().IsTenantScoped().HasIndex(t => t.Name).IsUnique();
    }
}
