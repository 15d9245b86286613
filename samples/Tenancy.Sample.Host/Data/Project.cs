using Tenancy.EntityFramework;

namespace Tenancy.Sample.Host.Data;

/// <summary>A project of one tenant. Its id is random: a sequence shared by all tenants would tell one tenant how busy the others are.</summary>
public sealed class Project : ITenantScoped
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<ProjectNote> Notes { get; set; } = [];
}
