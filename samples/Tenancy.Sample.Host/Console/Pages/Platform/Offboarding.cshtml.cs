using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tenancy.Sample.Host.Console.Pages.Platform;

/// <summary>The progress of an offboarding started from the console (refreshes itself while it runs), and its archive.</summary>
public sealed class OffboardingModel(OffboardingTracker offboarding) : PageModel
{
    public OffboardingRun Run { get; private set; } = null!;

    public bool ArchiveExists => System.IO.File.Exists(Run.ArchivePath);

    public IActionResult OnGet(string id)
    {
        if (!TenantId.IsValid(id) || offboarding.Find(id) is not { } run)
        {
            return ConsoleResults.NotFound("No offboarding of this tenant was started from this console.");
        }

        Run = run;
        return Page();
    }

    public IActionResult OnGetArchive(string id)
    {
        if (!TenantId.IsValid(id) || offboarding.Find(id) is not { Running: false } run || !System.IO.File.Exists(run.ArchivePath))
        {
            return ConsoleResults.NotFound("No offboarding of this tenant was started from this console.");
        }

        return PhysicalFile(run.ArchivePath, "application/zip", $"{id}-offboarding.zip");
    }
}
