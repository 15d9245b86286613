using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tenancy.Stores;

namespace Tenancy.Sample.Host.Console.Pages.Platform;

/// <summary>
/// Every tenant, searched by id, identifier or name, in pages of <see cref="PageSize"/>. The store is read page by page
/// (<see cref="ITenantStore.ListAsync"/>) and filtered here: fine for the sample's in-memory store; a store with
/// thousands of tenants would search in its database.
/// </summary>
public sealed class TenantsModel(ITenantStore tenants) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] // "page" is Razor Pages' own route value
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<TenantInfo> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || Q is { Length: > 100 } || PageNumber < 1 || PageNumber > 100_000)
        {
            return ConsoleResults.BadRequest("The search is at most 100 characters and the page is 1 or more.");
        }

        var matches = new List<TenantInfo>();
        string? token = null;
        do
        {
            var page = await tenants.ListAsync(new TenantPageRequest(TenantPageRequest.MaxPageSize, token), cancellationToken);
            matches.AddRange(page.Items.Where(Matches));
            token = page.ContinuationToken;
        }
        while (token is not null);

        matches.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        Total = matches.Count;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Min(PageNumber, PageCount);
        Items = matches.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public string PageUrl(int page) => $"/admin/tenants?p={page}" + (string.IsNullOrEmpty(Q) ? "" : "&q=" + Uri.EscapeDataString(Q));

    private bool Matches(TenantInfo tenant) => string.IsNullOrWhiteSpace(Q)
        || tenant.Id.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase)
        || tenant.Identifier.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase)
        || tenant.Name.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase);
}
