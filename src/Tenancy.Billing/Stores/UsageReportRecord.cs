using Tenancy.EntityFramework;

namespace Tenancy.Billing.Stores;

/// <summary>The stored form of a <see cref="Payments.UsageReport"/> (tenant-scoped).</summary>
internal sealed class UsageReportRecord : ITenantScoped
{
    public string TenantId { get; set; } = "";

    public string Meter { get; set; } = "";

    public DateTimeOffset PeriodStart { get; set; }

    public long Reported { get; set; }

    public string Identifier { get; set; } = "";

    public DateTimeOffset ReportedAt { get; set; }
}
