using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.AspNetCore.Problems;
using Tenancy.Members;
using Tenancy.Secrets;
using Tenancy.Sso;

namespace Tenancy.AspNetCore.Sso;

/// <summary>
/// OpenID Connect sign-in through the request's tenant's provider: the authorization code flow with <c>state</c> (kept
/// server-side, used once, bound to the browser by a cookie), <c>nonce</c> and PKCE (S256). The callback accepts only a
/// sign-in that started at the same tenant, validates the id token against that tenant's provider only, maps the person to
/// a member (<see cref="TenantSsoMembers"/>) and signs in to the cookie scheme with <c>amr = sso</c>.
/// </summary>
internal sealed class TenantSignInHandler(
    TenantSsoService sso,
    TenantSsoMembers ssoMembers,
    TenantMembershipService membership,
    OidcMetadataCache metadata,
    TenantTokenValidator validator,
    ITenantSignInStateStore states,
    IHttpClientFactory http,
    IOptions<TenantSsoOptions> options,
    TimeProvider time,
    AspNetCoreMetrics metrics,
    ILogger<TenantSignInHandler> logger,
    IServiceProvider services,
    IProblemDetailsService? problemDetails = null)
{
    public const string CookieName = ".Tenancy.SignIn";
    private readonly TenantSsoOptions _options = options.Value;

    /// <summary>Runs a sign-in step; a store or provider failure is a 503 problem, never a 500.</summary>
    public static async Task RunAsync(HttpContext context, Func<TenantSignInHandler, Task> step)
    {
        var handler = context.RequestServices.GetRequiredService<TenantSignInHandler>();
        try
        {
            await step(handler);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await handler.FailAsync(context, ex);
        }
    }

    public async Task StartAsync(HttpContext context, string callbackPath)
    {
        var tenant = context.RequestServices.GetRequiredService<ICurrentTenant>().GetRequiredTenant();
        var settings = await sso.FindAsync(tenant.Id, context.RequestAborted);
        if (settings?.ClientId is not { } clientId)
        {
            await WriteAsync(context, TenancyProblem.SsoNotConfigured);
            return;
        }

        var entry = await metadata.GetAsync(settings.EffectiveMetadataAddress, context.RequestAborted);
        if (entry?.Current?.Configuration.AuthorizationEndpoint is not { Length: > 0 } authorize)
        {
            await WriteAsync(context, TenancyProblem.ProviderUnavailable);
            return;
        }

        var state = Random();
        var nonce = Random();
        var verifier = Random();
        var binding = Random();
        var redirectUri = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{callbackPath}";
        var returnUrl = context.Request.Query["returnUrl"].ToString();
        if (!IsLocal(returnUrl))
        {
            returnUrl = "/";
        }

        await states.SaveAsync(state, new TenantSignInState(tenant.Id, nonce, verifier, redirectUri, returnUrl, binding, time.GetUtcNow() + _options.SignInLifetime), context.RequestAborted);
        context.Response.Cookies.Append(CookieName, binding, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = context.Request.PathBase + callbackPath,
            MaxAge = _options.SignInLifetime,
        });
        var url = QueryHelpers.AddQueryString(authorize, new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["scope"] = string.Join(' ', settings.Scopes.Prepend("openid").Distinct(StringComparer.Ordinal)),
            ["redirect_uri"] = redirectUri,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });
        Log.SignInStarted(logger, tenant.Id);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(url);
    }

    public async Task CallbackAsync(HttpContext context)
    {
        var tenant = context.RequestServices.GetRequiredService<ICurrentTenant>().GetRequiredTenant();
        var query = context.Request.Query;
        var cookie = context.Request.Cookies[CookieName];
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = context.Request.PathBase + context.Request.Path, Secure = context.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });

        // The state is taken (removed) before anything else is checked: a callback is answered once, whatever its outcome.
        var pending = query["state"].ToString() is { Length: > 0 and <= 200 } stateValue ? await states.TakeAsync(stateValue, context.RequestAborted) : null;
        string? failure = pending switch
        {
            null => "unknown or replayed state",
            _ when !string.Equals(pending.TenantId, tenant.Id, StringComparison.Ordinal) => "the sign-in started at another tenant",
            _ when pending.ExpiresAt <= time.GetUtcNow() => "the sign-in expired",
            _ when cookie is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(pending.BrowserBinding)) => "the sign-in started in another browser",
            _ when query.ContainsKey("error") => "the provider returned an error",
            _ when query["code"].ToString() is not { Length: > 0 and <= 4096 } => "no authorization code",
            _ => null,
        };
        if (failure is not null)
        {
            await RefuseAsync(context, tenant.Id, failure);
            return;
        }

        var settings = await sso.FindAsync(tenant.Id, context.RequestAborted);
        var entry = settings is null ? null : await metadata.GetAsync(settings.EffectiveMetadataAddress, context.RequestAborted);
        if (settings?.ClientId is null || entry?.Current?.Configuration.TokenEndpoint is not { Length: > 0 } tokenEndpoint)
        {
            await RefuseAsync(context, tenant.Id, "the tenant's provider is not configured or unavailable");
            return;
        }

        string? clientSecret = null;
        if (settings.ClientSecretName is { } secretName)
        {
            try
            {
                clientSecret = services.GetService<TenantSecretService>() is { } secrets
                    ? await secrets.GetAsync(settings.TenantId, TenantSecretKind.OidcClientSecret, secretName, context.RequestAborted)
                    : null;
            }
            catch (CryptographicException)
            {
                clientSecret = null; // The key ring is not shared with the instance that stored it.
            }

            if (clientSecret is null)
            {
                Log.SignInRefused(logger, tenant.Id, "the client secret is missing or does not decrypt (AddTenantSecrets and a shared key ring)");
                metrics.SsoSignIn(tenant.Id, "client secret unavailable");
                await WriteAsync(context, TenancyProblem.SsoMisconfigured);
                return;
            }
        }

        var idToken = await RedeemAsync(context, settings, tokenEndpoint, query["code"].ToString(), pending!, clientSecret);
        if (idToken is null)
        {
            await RefuseAsync(context, tenant.Id, "the provider refused the code");
            return;
        }

        var validation = await validator.ValidateIdTokenAsync(idToken, settings, pending!.Nonce, context.RequestAborted);
        if (!validation.Succeeded)
        {
            await RefuseAsync(context, tenant.Id, "id token: " + validation.Failure);
            return;
        }

        var identity = ToExternalIdentity(validation.Identity!, settings);
        var member = await ssoMembers.FindOrCreateAsync(settings, identity, context.RequestAborted);
        if (member is null)
        {
            Log.SignInRefused(logger, tenant.Id, "not a member");
            metrics.SsoSignIn(tenant.Id, "not a member");
            await WriteAsync(context, TenancyProblem.NotAMember);
            return;
        }

        var access = await membership.GetAccessAsync(tenant.Id, member.UserId, context.RequestAborted);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, member.UserId),
            new(ClaimTypes.Name, identity.Name ?? member.Email ?? member.UserId),
            new(_options.TenantClaimType, tenant.Id),
            new("amr", "sso"),
            new("idp", settings.EffectiveIssuer),
        };
        if (member.Email is { } email)
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        claims.AddRange(access.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "sso", ClaimTypes.Name, ClaimTypes.Role));
        await context.SignInAsync(_options.SignInScheme, principal, new AuthenticationProperties { IsPersistent = false });
        Log.SignedIn(logger, member.UserId, tenant.Id);
        metrics.SsoSignIn(tenant.Id, null);
        context.Response.Redirect(pending.ReturnUrl);
    }

    private async Task<string?> RedeemAsync(HttpContext context, TenantSsoSettings settings, string tokenEndpoint, string code, TenantSignInState pending, string? clientSecret)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = pending.RedirectUri,
            ["code_verifier"] = pending.CodeVerifier,
            ["client_id"] = settings.ClientId!,
        };
        if (clientSecret is not null)
        {
            form["client_secret"] = clientSecret;
        }

        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await http.CreateClient(OidcMetadataCache.HttpClientName).PostAsync(new Uri(tokenEndpoint), content, context.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.RequestAborted), default, context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id_token", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    private static TenantExternalIdentity ToExternalIdentity(ClaimsIdentity identity, TenantSsoSettings settings)
    {
        string? Read(string name) => identity.FindFirst(settings.ClaimMappings.GetValueOrDefault(name, name))?.Value;
        var verified = Read("email_verified");
        return new TenantExternalIdentity(
            settings.EffectiveIssuer,
            identity.FindFirst("sub")!.Value,
            Read("email"),
            verified is not null && bool.TryParse(verified, out var isVerified) && isVerified,
            Read("name"));
    }

    private async Task RefuseAsync(HttpContext context, string tenantId, string reason)
    {
        Log.SignInRefused(logger, tenantId, reason);
        metrics.SsoSignIn(tenantId, reason);
        await WriteAsync(context, TenancyProblem.SignInFailed);
    }

    private Task FailAsync(HttpContext context, Exception exception)
    {
        logger.LogWarning(exception, "Sign-in failed on a store or provider error.");
        return WriteAsync(context, TenancyProblem.StoreUnavailable);
    }

    private Task WriteAsync(HttpContext context, TenancyProblem problem) => new TenancyProblemWriter(problemDetails).WriteAsync(context, problem);

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static bool IsLocal(string url) =>
        url.Length is > 0 and <= 2000 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\\', StringComparison.Ordinal)
        && url.All(c => !char.IsControl(c));
}
