using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tenancy.Audit;
using Tenancy.Lifecycle;
using Tenancy.Members;
using Tenancy.Sample.Host.Platform;
using Tenancy.Stores;

namespace Tenancy.Sample.Host.Console.Pages.Platform;

/// <summary>One tenant: its facts, suspend/reactivate, a live export download, and offboarding.</summary>
public sealed class TenantDetailModel(IWritableTenantStore tenants, TenantMembershipService members, TenantLifecycleOrchestrator lifecycle, OffboardingTracker offboarding, IAuditLog audit) : PageModel
{
    public TenantInfo Tenant { get; private set; } = null!;

    public int MemberCount { get; private set; }

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public string ConsoleUrl => $"{Request.Scheme}://{Tenant.Identifier}.{Request.Host.Host}{(Request.Host.Port is { } port ? ":" + port : "")}/admin";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : ConsoleResults.NotFound("No such tenant.");

    public Task<IActionResult> OnPostSuspendAsync(string id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, TenantStatus.Active, TenantStatus.Suspended, "tenant.suspended", cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, TenantStatus.Suspended, TenantStatus.Active, "tenant.reactivated", cancellationToken);

    /// <summary>Streams the tenant's export archive (the same zip offboarding writes), without changing anything.</summary>
    public async Task<IActionResult> OnGetExportAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return ConsoleResults.NotFound("No such tenant.");
        }

        var file = await TenantExportFile.CreateAsync(lifecycle, Tenant.Id, cancellationToken);
        return File(file, "application/zip", $"{Tenant.Id}-export.zip");
    }

    public async Task<IActionResult> OnPostOffboardAsync(string id, bool remove, string? confirm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return ConsoleResults.NotFound("No such tenant.");
        }

        if (!string.Equals(confirm?.Trim(), Tenant.Id, StringComparison.Ordinal))
        {
            Error = "Type the tenant id to confirm offboarding.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        offboarding.Start(Tenant.Id, remove);
        return LocalRedirect($"/admin/tenants/{Tenant.Id}/offboarding");
    }

    private async Task<IActionResult> ChangeStatusAsync(string id, TenantStatus from, TenantStatus to, string action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return ConsoleResults.NotFound("No such tenant.");
        }

        if (Tenant.Status != from)
        {
            Error = $"The tenant is {Tenant.Status}, not {from}.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Tenant = Tenant with { Status = to };
        await tenants.UpdateAsync(Tenant, cancellationToken);
        await audit.WriteAsync(Tenant.Id, new AuditEvent(action, "tenant:" + Tenant.Id) { ActorKind = AuditActorKind.User, ActorId = User.FindFirstValue(ClaimTypes.NameIdentifier) }, cancellationToken);
        Notice = $"{Tenant.Name} is now {to}.";
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!TenantId.IsValid(id) || await tenants.FindByIdAsync(id, cancellationToken) is not { } tenant)
        {
            return false;
        }

        Tenant = tenant;
        MemberCount = (await members.ListMembersAsync(tenant.Id, cancellationToken)).Count;
        return true;
    }
}
