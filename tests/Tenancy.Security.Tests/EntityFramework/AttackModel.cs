using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Security.Tests.EntityFramework;

public sealed class Note : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Title { get; set; } = "";

    public bool IsDeleted { get; set; }

    public NoteMeta Meta { get; set; } = new();

    public NoteStamp Stamp { get; set; } = new();

    public List<Comment> Comments { get; set; } = [];
}

public sealed class NoteMeta
{
    public string Label { get; set; } = "";
}

public sealed class NoteStamp
{
    public string By { get; set; } = "";
}

[TenantScoped]
public sealed class Comment
{
    public int Id { get; set; }

    public int NoteId { get; set; }

    public Note? Note { get; set; }

    public string Text { get; set; } = "";
}

public abstract class Document : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";
}

public sealed class Invoice : Document
{
    public decimal Amount { get; set; }
}

public sealed class Memo : Document
{
    public string Body { get; set; } = "";
}

public class Asset : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";
}

public sealed class Vehicle : Asset
{
    public string Plate { get; set; } = "";
}

public sealed class Country
{
    public int Id { get; set; }

    public string Code { get; set; } = "";
}

public sealed class NoteBox
{
    public Note N { get; set; } = null!;

    public int One { get; set; }
}

/// <summary>A model with the shapes an attacker reaches for: owned and complex types, TPH, TPT, shadow tenant ids.</summary>
public sealed class AttackDb(DbContextOptions<AttackDb> options) : TenantDbContext(options)
{
    public const string SoftDelete = "SoftDelete";

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<Vehicle> Vehicles => Set<Vehicle>();

    public DbSet<Country> Countries => Set<Country>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().HasQueryFilter(SoftDelete, n => !n.IsDeleted);
        modelBuilder.Entity<Note>().OwnsOne(n => n.Meta);
        modelBuilder.Entity<Note>().ComplexProperty(n => n.Stamp);
        modelBuilder.Entity<Document>().HasDiscriminator<string>("Kind").HasValue<Invoice>("invoice").HasValue<Memo>("memo");
        modelBuilder.Entity<Asset>().UseTptMappingStrategy();
        modelBuilder.Entity<Vehicle>().ToTable("Vehicles");
    }
}
