using Microsoft.AspNetCore.Mvc;
using Tenancy.Audit;
using Tenancy.Scim.Credentials;
using Tenancy.Scim.Provisioning;

namespace Tenancy.Sample.Host.Console.Pages.Tenant;

/// <summary>The tenant's SCIM connection: base URL, tokens (issue, rotate, revoke) and the provisioning log.</summary>
public sealed class ScimModel(ICurrentTenant current, IScimTokenService tokens, IScimProvisioningLog log, IAuditLog audit) : TenantConsolePage(current)
{
    public IReadOnlyList<ScimTokenInfo> Tokens { get; private set; } = [];

    public IReadOnlyList<ScimProvisioningEntry> Log { get; private set; } = [];

    public bool FailuresOnly { get; private set; }

    /// <summary>The token just issued (shown once).</summary>
    public string? IssuedToken { get; private set; }

    public string BaseUrl => $"{Request.Scheme}://{Request.Host}/scim/v2";

    public async Task OnGetAsync(bool? failures, CancellationToken cancellationToken)
    {
        FailuresOnly = failures ?? false;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostIssueAsync(string? description, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(description) || description.Length > 200)
        {
            await LoadAsync(cancellationToken);
            return Refuse(StatusCodes.Status400BadRequest, "A description of 1 to 200 characters is required.");
        }

        var issued = await tokens.IssueAsync(Tenant.Id, description.Trim(), cancellationToken);
        await AuditAsync("scim.token_issued", issued.Id, cancellationToken);
        IssuedToken = issued.Token;
        Notice = "SCIM token issued.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(string? tokenId, CancellationToken cancellationToken)
    {
        var old = await FindActiveAsync(tokenId, cancellationToken);
        if (old is null)
        {
            await LoadAsync(cancellationToken);
            return Refuse(StatusCodes.Status404NotFound, "This tenant has no such active SCIM token.");
        }

        // Issue first, then revoke: a failure half-way leaves the old token working, never no token.
        var issued = await tokens.IssueAsync(Tenant.Id, old.Description, cancellationToken);
        await tokens.RevokeAsync(Tenant.Id, old.Id, cancellationToken);
        await AuditAsync("scim.token_rotated", old.Id + " -> " + issued.Id, cancellationToken);
        IssuedToken = issued.Token;
        Notice = "SCIM token rotated: update your identity provider with the new token.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? tokenId, CancellationToken cancellationToken)
    {
        var revoked = await FindActiveAsync(tokenId, cancellationToken) is not null && await tokens.RevokeAsync(Tenant.Id, tokenId!, cancellationToken);
        await LoadAsync(cancellationToken);
        if (!revoked)
        {
            return Refuse(StatusCodes.Status404NotFound, "This tenant has no such active SCIM token.");
        }

        await AuditAsync("scim.token_revoked", tokenId!, cancellationToken);
        Notice = "SCIM token revoked.";
        return Page();
    }

    private async Task<ScimTokenInfo?> FindActiveAsync(string? tokenId, CancellationToken cancellationToken) =>
        tokenId is { Length: > 0 and <= 100 }
            ? (await tokens.ListAsync(Tenant.Id, cancellationToken)).FirstOrDefault(t => t.Id == tokenId && t.Revoked is null)
            : null;

    private Task AuditAsync(string action, string tokenId, CancellationToken cancellationToken) =>
        audit.WriteAsync(Tenant.Id, new AuditEvent(action, "scim-token:" + tokenId) { ActorKind = AuditActorKind.User, ActorId = ActorId }, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Tokens = (await tokens.ListAsync(Tenant.Id, cancellationToken)).OrderByDescending(t => t.Created).ToList();
        Log = await log.ListAsync(50, FailuresOnly, cancellationToken);
    }
}
