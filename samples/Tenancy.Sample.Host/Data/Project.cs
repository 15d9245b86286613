using Tenancy.EntityFramework;

namespace Tenancy.Sample.Host.Data;

/// <summary>A project of one tenant.</summary>
public sealed class Project : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<ProjectNote> Notes { get; set; } = [];
}
