using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tenancy.ApiKeys;
using Tenancy.Audit;
using Tenancy.EntityFramework.Platform;
using Tenancy.Lifecycle;
using Tenancy.Members;
using Tenancy.Stores;

namespace Tenancy.Sample.Host.Platform;

/// <summary>
/// The sample's platform services: <c>builder.AddSamplePlatform()</c> and <c>app.MapSamplePlatform()</c>. Tenant API keys
/// (<c>Authorization: ApiKey tnc_live_…</c>), members, invitations, the audit log and <c>Idempotency-Key</c> for the tenant;
/// onboarding, offboarding and export for the platform admin (<c>X-Platform-Key</c>, from <c>Sample:PlatformAdminKey</c>;
/// a stand-in for real operator authentication). Platform tables live in SQLite under App_Data (<c>platform.db</c>).
/// Member user ids are the sign-in's name identifier (the demo scheme's <c>user</c>, the same in every tenant).
/// Tenants created by onboarding are kept in memory (the configured tenants are the seed), so they vanish on restart.
/// </summary>
public static class SamplePlatformExtensions
{
    /// <summary>Registers the platform services.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSamplePlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var folder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        var connectionString = builder.Configuration.GetConnectionString("Platform") ?? $"Data Source={Path.Combine(folder, "platform.db")}";
        builder.Services.AddAuthentication().AddTenantApiKeys();
        builder.Services.AddTenancy(t => t
                .WithStore(sp => new InMemoryTenantStore(
                    ConfigurationTenantStore.TryRead(builder.Configuration.GetSection("Tenancy:Tenants"), out var seed, out _) ? seed : [],
                    sp.GetService<Tenancy.Events.ITenantChangeNotifier>()))
                .AddApiKeys()
                .AddMembers()
                .AddHttpAuditLog()
                .AddIdempotency()
                .AddLifecycle()
                .AddLifecycleStep<SampleHostDataStep>()
                .AddEntityFrameworkPlatformStores<TenancyPlatformDbContext>())
            .AddPooledTenantDbContextFactory<TenancyPlatformDbContext>((_, o) => o.UseSqlite(connectionString));
        return builder;
    }

    /// <summary>Creates the platform tables and maps the platform endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapSamplePlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using (var db = app.Services.GetRequiredService<IDbContextFactory<TenancyPlatformDbContext>>().CreateDbContext())
        {
            db.Database.EnsureCreated();
        }

        var admin = app.MapGroup("/platform/tenants").AllowWithoutTenant().AddEndpointFilter(RequirePlatformAdminAsync);
        admin.MapPost("/", OnboardAsync);
        admin.MapDelete("/{id}", OffboardAsync);
        admin.MapGet("/{id}/export", ExportAsync);

        var tenant = app.MapGroup("/platform").RequireTenant();
        tenant.MapGet("/api-keys", (ICurrentTenant t, TenantApiKeyService keys, CancellationToken ct) => keys.ListAsync(t.GetRequiredTenant().Id, ct)).RequireTenantPermission(TenantPermissions.ApiKeysManage);
        tenant.MapPost("/api-keys", CreateKeyAsync).RequireTenantPermission(TenantPermissions.ApiKeysManage);
        tenant.MapPost("/api-keys/{id}/rotate", RotateKeyAsync).RequireTenantPermission(TenantPermissions.ApiKeysManage);
        tenant.MapDelete("/api-keys/{id}", RevokeKeyAsync).RequireTenantPermission(TenantPermissions.ApiKeysManage);
        tenant.MapGet("/members", (ICurrentTenant t, TenantMembershipService m, CancellationToken ct) => m.ListMembersAsync(t.GetRequiredTenant().Id, ct)).RequireTenantPermission(TenantPermissions.MembersManage);
        tenant.MapPost("/members", AddMemberAsync).RequireTenantPermission(TenantPermissions.MembersManage);
        tenant.MapDelete("/members/{userId}", RemoveMemberAsync).RequireTenantPermission(TenantPermissions.MembersManage);
        tenant.MapPost("/invitations", InviteAsync).RequireTenantPermission(TenantPermissions.MembersManage);
        tenant.MapPost("/invitations/accept", AcceptAsync).RequireAuthorization();
        tenant.MapGet("/audit", QueryAuditAsync).RequireTenantPermission(TenantPermissions.AuditRead);
        tenant.MapGet("/audit.csv", ExportAuditAsync).RequireTenantPermission(TenantPermissions.AuditRead);
        tenant.MapGet("/audit/verify", (ICurrentTenant t, IAuditLog audit, CancellationToken ct) => audit.VerifyAsync(t.GetRequiredTenant().Id, ct)).RequireTenantPermission(TenantPermissions.AuditRead);
        tenant.MapPost("/echo", (HttpRequest request) => Results.Ok(new { received = DateTimeOffset.UtcNow, request.ContentLength }));
        return app;
    }

    private static async ValueTask<object?> RequirePlatformAdminAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Sample:PlatformAdminKey"];
        var presented = context.HttpContext.Request.Headers["X-Platform-Key"].ToString();
        if (string.IsNullOrEmpty(expected)
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
        {
            return TypedResults.Problem(statusCode: 401, title: "Platform admin only", detail: "Send the platform admin key in X-Platform-Key (Sample:PlatformAdminKey).");
        }

        return await next(context);
    }

    private static async Task<IResult> OnboardAsync(OnboardRequest request, TenantLifecycleOrchestrator lifecycle, TenantMembershipService members, bool? dryRun, CancellationToken ct)
    {
        TenantInfo tenant;
        try
        {
            tenant = new TenantInfo(request.Id, request.Identifier, request.Name) { Plan = request.Plan };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidTenantIdException or InvalidTenantIdentifierException)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid tenant", detail: ex.Message);
        }

        try
        {
            var report = await lifecycle.OnboardAsync(tenant, dryRun ?? false, cancellationToken: ct);
            if (report.Finished)
            {
                await members.AddMemberAsync(tenant.Id, request.OwnerUserId, request.OwnerEmail, [TenantRoles.Owner], "platform", ct);
            }

            return TypedResults.Ok(report);
        }
        catch (DuplicateTenantException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: "Tenant exists", detail: ex.Message);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid owner", detail: ex.Message);
        }
    }

    private static async Task<IResult> OffboardAsync(string id, TenantLifecycleOrchestrator lifecycle, IWebHostEnvironment env, bool? dryRun, bool? remove, int? graceDays, CancellationToken ct)
    {
        if (!TenantId.IsValid(id) || graceDays is < 0 or > 365)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid request", detail: "The tenant id or graceDays (0 to 365) is invalid.");
        }

        var exports = Path.Combine(env.ContentRootPath, "App_Data", "exports");
        Directory.CreateDirectory(exports);
        try
        {
            var report = await lifecycle.OffboardAsync(id, new TenantOffboardingOptions
            {
                DryRun = dryRun ?? false,
                RemoveTenant = remove ?? false,
                GracePeriod = TimeSpan.FromDays(graceDays ?? 0),
                ExportTo = _ => Task.FromResult<Stream>(File.Create(Path.Combine(exports, $"{id}.zip"))),
            }, ct);
            return TypedResults.Ok(report);
        }
        catch (TenantNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: 404, title: "Tenant not found", detail: ex.Message);
        }
    }

    private static async Task<IResult> ExportAsync(string id, TenantLifecycleOrchestrator lifecycle, ITenantStore tenants, CancellationToken ct)
    {
        if (!TenantId.IsValid(id) || await tenants.FindByIdAsync(id, ct) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Tenant not found");
        }

        return TypedResults.File(await TenantExportFile.CreateAsync(lifecycle, id, ct), "application/zip", $"{id}.zip");
    }

    private static async Task<IResult> CreateKeyAsync(CreateKeyRequest request, ICurrentTenant tenant, TenantApiKeyService keys, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            var created = await keys.CreateAsync(tenant.GetRequiredTenant().Id, new TenantApiKeyRequest(request.Name, request.Scopes, request.ExpiresAt, user.Identity?.Name), ct);
            return TypedResults.Created($"/platform/api-keys/{created.Key.Id}", created);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid API key request", detail: ex.Message);
        }
    }

    private static async Task<IResult> RotateKeyAsync(string id, ICurrentTenant tenant, TenantApiKeyService keys, ClaimsPrincipal user, int? overlapMinutes, CancellationToken ct)
    {
        if (overlapMinutes is < 0 or > 60 * 24 * 30)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid overlap", detail: "overlapMinutes is 0 to 43200.");
        }

        var rotated = await keys.RotateAsync(tenant.GetRequiredTenant().Id, id, overlapMinutes is { } m ? TimeSpan.FromMinutes(m) : null, user.Identity?.Name, ct);
        return rotated is null ? TypedResults.Problem(statusCode: 404, title: "No such API key") : TypedResults.Ok(rotated);
    }

    private static async Task<IResult> RevokeKeyAsync(string id, ICurrentTenant tenant, TenantApiKeyService keys, ClaimsPrincipal user, CancellationToken ct) =>
        await keys.RevokeAsync(tenant.GetRequiredTenant().Id, id, user.Identity?.Name, ct) ? TypedResults.NoContent() : TypedResults.Problem(statusCode: 404, title: "No such API key");

    private static async Task<IResult> AddMemberAsync(AddMemberRequest request, ICurrentTenant tenant, TenantMembershipService members, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await members.AddMemberAsync(tenant.GetRequiredTenant().Id, request.UserId, request.Email, request.Roles ?? [], user.Identity?.Name, ct));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid member", detail: ex.Message);
        }
    }

    private static async Task<IResult> RemoveMemberAsync(string userId, ICurrentTenant tenant, TenantMembershipService members, ClaimsPrincipal user, CancellationToken ct) =>
        await members.RemoveMemberAsync(tenant.GetRequiredTenant().Id, userId, user.Identity?.Name, ct) switch
        {
            MembershipChange.Done => TypedResults.NoContent(),
            MembershipChange.LastOwner => TypedResults.Problem(statusCode: 409, title: "Last owner", detail: "A tenant always keeps at least one owner."),
            _ => TypedResults.Problem(statusCode: 404, title: "No such member"),
        };

    private static async Task<IResult> InviteAsync(InviteRequest request, ICurrentTenant tenant, TenantMembershipService members, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await members.InviteAsync(tenant.GetRequiredTenant().Id, request.Email, request.Role, user.Identity?.Name, ct));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid invitation", detail: ex.Message);
        }
    }

    private static async Task<IResult> AcceptAsync(AcceptRequest request, ICurrentTenant tenant, TenantMembershipService members, ClaimsPrincipal user, CancellationToken ct)
    {
        var member = (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name) is { Length: > 0 } name && request.Token is { Length: > 0 }
            ? await members.AcceptAsync(tenant.GetRequiredTenant().Id, request.Token, name, ct)
            : null;
        return member is null ? TypedResults.Problem(statusCode: 400, title: "Invitation not valid", detail: "The invitation token is unknown, expired, revoked or already used.") : TypedResults.Ok(member);
    }

    private static async Task<IResult> QueryAuditAsync(ICurrentTenant tenant, IAuditLog audit, string? action, long? after, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000 || after is < 0)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid query", detail: "limit is 1 to 1000 and after is not negative.");
        }

        return TypedResults.Ok(await audit.QueryAsync(tenant.GetRequiredTenant().Id, new AuditQuery { Action = action, After = after, Limit = limit ?? 100 }, ct));
    }

    private static async Task ExportAuditAsync(HttpContext context, ICurrentTenant tenant, IAuditLog audit, CancellationToken ct)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        await audit.ExportCsvAsync(tenant.GetRequiredTenant().Id, new AuditQuery(), context.Response.Body, ct);
    }
}
