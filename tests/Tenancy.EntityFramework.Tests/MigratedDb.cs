using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tenancy.EntityFramework.Tests;

public sealed class Item : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>A context with hand-written EF Core migrations, to prove the provisioner's migration path.</summary>
public sealed class MigratedDb(DbContextOptions<MigratedDb> options) : TenantDbContext(options)
{
    public DbSet<Item> Items => Set<Item>();
}

[DbContext(typeof(MigratedDb))]
[Migration("20261124000001_Items")]
public sealed class ItemsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Items",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                TenantId = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Items", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Items");
}

[DbContext(typeof(MigratedDb))]
[Migration("20261124000002_ItemsByName")]
public sealed class ItemsByNameMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_Items_TenantId_Name", "Items", ["TenantId", "Name"], unique: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex("IX_Items_TenantId_Name", "Items");
}
