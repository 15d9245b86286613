using Tenancy.EntityFramework;

namespace Tenancy.Sample.Host.Data;

/// <summary>A note on a project; tenant-scoped with a shadow tenant id, and a random id like the project's.</summary>
[TenantScoped]
public sealed class ProjectNote
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ProjectId { get; set; }

    public string Text { get; set; } = "";
}
