using Microsoft.AspNetCore.Mvc;
using Tenancy.ApiKeys;
using Tenancy.Members;

namespace Tenancy.Sample.Host.Console.Pages.Tenant;

/// <summary>The tenant's API keys: create (the token is shown once), list, revoke.</summary>
public sealed class ApiKeysModel(ICurrentTenant current, TenantApiKeyService keys, TimeProvider time) : TenantConsolePage(current)
{
    /// <summary>The scopes a console-made key may carry.</summary>
    public static IReadOnlyList<string> AvailableScopes { get; } =
        [TenantPermissions.DataRead, TenantPermissions.DataWrite, TenantPermissions.AuditRead, TenantPermissions.BillingRead];

    public IReadOnlyList<TenantApiKey> Keys { get; private set; } = [];

    /// <summary>The token of the key just created (shown once, never stored).</summary>
    public string? CreatedToken { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string[]? scopes, int? expiresInDays, CancellationToken cancellationToken)
    {
        scopes ??= [];
        if (scopes.Any(s => !AvailableScopes.Contains(s)) || expiresInDays is < 1 or > 3650)
        {
            await LoadAsync(cancellationToken);
            return Refuse(StatusCodes.Status400BadRequest, "Pick scopes from the list and an expiry of 1 to 3650 days.");
        }

        try
        {
            var created = await keys.CreateAsync(
                Tenant.Id,
                new TenantApiKeyRequest(name ?? "", scopes, expiresInDays is { } days ? time.GetUtcNow().AddDays(days) : null, ActorId),
                cancellationToken);
            CreatedToken = created.Token;
            Notice = $"Key '{created.Key.Name}' created.";
        }
        catch (ArgumentException ex)
        {
            await LoadAsync(cancellationToken);
            return Refuse(StatusCodes.Status400BadRequest, "The key was not created: " + ex.Message.Split(" (Parameter", 2)[0]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? keyId, CancellationToken cancellationToken)
    {
        // Another tenant's key id is "not found" here: the service looks it up in this tenant only.
        var revoked = keyId is { Length: > 0 and <= 100 } && await keys.RevokeAsync(Tenant.Id, keyId, ActorId, cancellationToken);
        await LoadAsync(cancellationToken);
        if (!revoked)
        {
            return Refuse(StatusCodes.Status404NotFound, "This tenant has no such active API key.");
        }

        Notice = "Key revoked: it stops working at once.";
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Keys = (await keys.ListAsync(Tenant.Id, cancellationToken)).OrderByDescending(k => k.CreatedAt).ToList();
}
