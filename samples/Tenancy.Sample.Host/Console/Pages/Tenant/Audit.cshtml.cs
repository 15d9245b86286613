using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Tenancy.Audit;

namespace Tenancy.Sample.Host.Console.Pages.Tenant;

/// <summary>The tenant's audit log: filters, keyset paging, CSV export of the filtered entries.</summary>
public sealed class AuditModel(ICurrentTenant current, IAuditLog audit) : TenantConsolePage(current)
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? NextUrl { get; private set; }

    public string CsvUrl => "/admin/audit?handler=Csv" + Filters(null).ToString().Replace("?", "&", StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Query(PageSize) is not { } query)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Filters: action up to 100 characters, actor up to 200, target up to 400, valid dates, a positive page cursor.");
        }

        var page = await audit.QueryAsync(Tenant.Id, query, cancellationToken);
        Entries = page.Entries;
        NextUrl = page.NextAfter is { } next ? "/admin/audit" + Filters(next) : null;
        return Page();
    }

    /// <summary>The filtered entries as CSV (formula-injection safe, streamed), of this tenant only.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (Query(1000) is not { } query)
        {
            return ConsoleResults.BadRequest("Invalid audit filter.");
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{Tenant.Identifier}.csv\"";
        await audit.ExportCsvAsync(Tenant.Id, query with { Limit = 1000 }, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    private AuditQuery? Query(int limit)
    {
        if (!ModelState.IsValid || Action is { Length: > 100 } || Actor is { Length: > 200 } || Target is { Length: > 400 } || After is < 0
            || (From is { } f && To is { } t && t < f))
        {
            return null;
        }

        return new AuditQuery
        {
            Action = string.IsNullOrWhiteSpace(Action) ? null : Action.Trim(),
            ActorId = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
            Target = string.IsNullOrWhiteSpace(Target) ? null : Target.Trim(),
            From = From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            To = To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            After = After,
            Limit = limit,
        };
    }

    private QueryBuilder Filters(long? after)
    {
        var query = new QueryBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name, value);
            }
        }

        Add("action", Action);
        Add("actor", Actor);
        Add("target", Target);
        Add("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("after", after?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return query;
    }
}
