using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tenancy.Billing.Plans;
using Tenancy.Lifecycle;
using Tenancy.Members;

namespace Tenancy.Sample.Host.Console.Pages.Platform;

/// <summary>Onboards a tenant (every package's provisioning step) and adds its first owner.</summary>
public sealed class NewTenantModel(TenantLifecycleOrchestrator lifecycle, TenantMembershipService members, IPlanCatalog plans) : PageModel
{
    public string? Id { get; private set; }

    public string? Identifier { get; private set; }

    public string? Name { get; private set; }

    public string? Plan { get; private set; }

    public string? OwnerUserId { get; private set; }

    public string? OwnerEmail { get; private set; }

    public string? Error { get; private set; }

    public TenantLifecycleReport? Report { get; private set; }

    public IReadOnlyList<string> Plans => plans.Plans.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? id, string? identifier, string? name, string? plan, string? ownerUserId, string? ownerEmail, bool dryRun, CancellationToken cancellationToken)
    {
        (Id, Identifier, Name, Plan, OwnerUserId, OwnerEmail) = (id, identifier, name, plan, ownerUserId, ownerEmail);
        if (plan is null || !plans.TryGetPlan(plan, out _))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Pick one of the plans.");
        }

        if (string.IsNullOrWhiteSpace(ownerUserId) || ownerUserId.Length > 200)
        {
            return Refuse(StatusCodes.Status400BadRequest, "The first owner's user id is required (1 to 200 characters).");
        }

        if (!string.IsNullOrWhiteSpace(ownerEmail) && !System.Net.Mail.MailAddress.TryCreate(ownerEmail.Trim(), out _))
        {
            return Refuse(StatusCodes.Status400BadRequest, "The owner's e-mail is not a valid address.");
        }

        TenantInfo tenant;
        try
        {
            tenant = new TenantInfo(id ?? "", identifier ?? "", name ?? "") { Plan = plan };
        }
        catch (TenancyException ex) when (ex is InvalidTenantIdException or InvalidTenantIdentifierException)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Invalid tenant: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Invalid tenant: " + ex.Message.Split(" (Parameter", 2)[0]);
        }

        try
        {
            Report = await lifecycle.OnboardAsync(tenant, dryRun, cancellationToken: cancellationToken);
            if (Report.Finished)
            {
                await members.AddMemberAsync(tenant.Id, ownerUserId.Trim(), string.IsNullOrWhiteSpace(ownerEmail) ? null : ownerEmail.Trim(), [TenantRoles.Owner], User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
            }
        }
        catch (DuplicateTenantException ex)
        {
            return Refuse(StatusCodes.Status409Conflict, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Invalid owner: " + ex.Message.Split(" (Parameter", 2)[0]);
        }

        return Page();
    }

    private PageResult Refuse(int status, string error)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
