using Tenancy.EntityFramework;

namespace Tenancy.Sample.Host.Data;

/// <summary>A note on a project; tenant-scoped with a shadow tenant id.</summary>
[TenantScoped]
public sealed class ProjectNote
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    public string Text { get; set; } = "";
}
