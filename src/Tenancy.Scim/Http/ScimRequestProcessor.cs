using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Tenancy.Scim.Credentials;
using Tenancy.Scim.Diagnostics;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Events;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Patch;
using Tenancy.Scim.Provisioning;
using Tenancy.Scim.Resources;
using Tenancy.Scim.Schema;
using Tenancy.Scim.Stores;
using Tenancy.Stores;

namespace Tenancy.Scim.Http;

/// <summary>
/// Answers one SCIM request: authenticates the bearer token (which alone decides the tenant), applies the tenant's rate
/// limit, makes the tenant current, dispatches, and answers every failure with a SCIM error body.
/// </summary>
internal sealed class ScimRequestProcessor(
    IServiceProvider services,
    IScimTokenService tokens,
    ITenantStore tenants,
    ICurrentTenant currentTenant,
    ScimRateLimiter rateLimiter,
    ScimMetrics metrics,
    IOptions<ScimOptions> options,
    TimeProvider time,
    ILogger<ScimRequestProcessor> logger)
{
    private readonly ScimOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context, string prefix)
    {
        var path = (context.GetRouteValue("path") as string ?? "").Trim('/');
        var method = context.Request.Method;
        var resource = path.Length == 0 ? "" : path.Split('/')[0];
        TenantInfo tenant;
        try
        {
            tenant = await AuthenticateAsync(context).ConfigureAwait(false);
        }
        catch (ScimException error)
        {
            await ScimResponses.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        using var lease = rateLimiter.TryAcquire(tenant.Id);
        if (lease is { IsAcquired: false })
        {
            Log.RateLimited(logger, tenant.Id);
            var retryAfter = lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) ? wait : rateLimiter.Window;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await ScimResponses.WriteErrorAsync(context, new ScimException(429, null, "Too many SCIM requests for this tenant; retry later.")).ConfigureAwait(false);
            metrics.Request(tenant.Id, method, resource, 429, "rate_limited");
            return;
        }

        using var scope = currentTenant.Begin(tenant);
        using var activity = ScimTelemetry.Source.StartActivity("tenancy.scim.request");
        activity?.SetTag("tenancy.tenant.id", tenant.Id);
        activity?.SetTag("tenancy.scim.resource", resource);
        var call = new Call(context, prefix, path, BaseUrl(context, prefix));
        ScimException? failure = null;
        try
        {
            await DispatchAsync(call).ConfigureAwait(false);
        }
        catch (ScimException error)
        {
            failure = error;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (TenantNotResolvedException)
        {
            failure = new ScimException(403, null, "The tenant of this credential is not available.");
        }
#pragma warning disable CA1031 // Whatever happens, the client gets a SCIM error body, never an HTML 500 page.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.UnexpectedError(logger, method, resource, tenant.Id, ex);
            activity?.SetStatus(ActivityStatusCode.Error);
            failure = new ScimException(500, null, "The server could not complete the request; nothing was changed.");
        }

        if (failure is not null)
        {
            Log.RequestFailed(logger, method, resource, tenant.Id, failure.Status, failure.ScimType, failure.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await ScimResponses.WriteErrorAsync(context, failure).ConfigureAwait(false);
            }
        }

        var status = failure?.Status ?? context.Response.StatusCode;
        metrics.Request(tenant.Id, method, resource, status, failure?.ScimType ?? (failure is null ? null : status.ToString(CultureInfo.InvariantCulture)));
        if (_options.ProvisioningLog && (failure is not null || !HttpMethods.IsGet(method)))
        {
            await WriteLogAsync(call, status, failure).ConfigureAwait(false);
        }
    }

    private async Task<TenantInfo> AuthenticateAsync(HttpContext context)
    {
        var headers = context.Request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { } header)
        {
            throw Refused("missing", "A SCIM bearer token is required (Authorization: Bearer …).");
        }

        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length > scheme.Length + ScimTokenFormat.MaxLength)
        {
            throw Refused("malformed", "The Authorization header must carry a SCIM bearer token.");
        }

        var tenantId = await tokens.AuthenticateAsync(header[scheme.Length..].Trim(), context.RequestAborted).ConfigureAwait(false)
            ?? throw Refused("unknown", "The SCIM bearer token is not valid.");
        TenantInfo? tenant;
        using (currentTenant.Begin(null))
        {
            tenant = await tenants.FindByIdAsync(tenantId, context.RequestAborted).ConfigureAwait(false);
        }

        if (tenant is null)
        {
            throw Refused("tenant-missing", "The SCIM bearer token is not valid.");
        }

        if (!tenant.IsActive)
        {
            metrics.AuthenticationFailed("tenant-inactive");
            Log.CredentialRefused(logger, "tenant inactive");
            throw new ScimException(403, null, "The tenant is not active.");
        }

        return tenant;
    }

    private ScimException Refused(string reason, string detail)
    {
        metrics.AuthenticationFailed(reason);
        Log.CredentialRefused(logger, reason);
        return new ScimException(401, null, detail);
    }

    private Task DispatchAsync(Call call)
    {
        var segments = call.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = call.Context.Request.Method;
        if (segments.Length == 0)
        {
            throw ScimException.NotFound("No SCIM endpoint here: try /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.");
        }

        var first = segments[0];
        if (Is(first, "Users") || Is(first, "Groups"))
        {
            var kind = Is(first, "Users") ? ScimResourceKind.User : ScimResourceKind.Group;
            if (segments.Length == 1)
            {
                return method switch
                {
                    _ when HttpMethods.IsGet(method) => ListAsync(call, kind),
                    _ when HttpMethods.IsPost(method) => CreateAsync(call, kind),
                    _ => throw NotAllowed(),
                };
            }

            if (segments.Length == 2)
            {
                var id = Uri.UnescapeDataString(segments[1]);
                return method switch
                {
                    _ when HttpMethods.IsGet(method) => GetAsync(call, kind, id),
                    _ when HttpMethods.IsPut(method) => ReplaceAsync(call, kind, id),
                    _ when HttpMethods.IsPatch(method) => PatchAsync(call, kind, id),
                    _ when HttpMethods.IsDelete(method) => DeleteAsync(call, kind, id),
                    _ => throw NotAllowed(),
                };
            }
        }
        else if (segments.Length == 1 && Is(first, "ServiceProviderConfig"))
        {
            RequireGet(method);
            return ScimResponses.WriteAsync(call.Context, 200, ScimDiscovery.ServiceProviderConfig(call.BaseUrl, _options));
        }
        else if (Is(first, "ResourceTypes") && segments.Length <= 2)
        {
            RequireGet(method);
            return DiscoveryAsync(call, segments, ScimSchemas.ResourceTypes, t => t.Name, ScimDiscovery.ResourceType, "No such resource type.");
        }
        else if (Is(first, "Schemas") && segments.Length <= 2)
        {
            RequireGet(method);
            return DiscoveryAsync(call, segments, ScimSchemas.All, s => s.Id, ScimDiscovery.Schema, "No such schema.");
        }
        else if (Is(first, "Bulk") || Is(first, "Me"))
        {
            throw new ScimException(501, null, $"/{first} is not supported by this server (see /ServiceProviderConfig).");
        }

        throw ScimException.NotFound("No SCIM endpoint here: try /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.");
    }

    private async Task ListAsync(Call call, ScimResourceKind kind)
    {
        var query = call.Context.Request.Query;
        var type = ScimSchemas.For(kind);
        ScimFilter? filter = null;
        if (query["filter"] is { Count: > 0 } filterText && !string.IsNullOrWhiteSpace(filterText[0]))
        {
            call.Summary = "filter " + filterText[0];
            filter = ScimFilterParser.Parse(filterText[0]!);
        }

        var startIndex = Math.Max(1, Integer(query["startIndex"], 1, "startIndex"));
        var count = Math.Clamp(Integer(query["count"], _options.DefaultPageSize, "count"), 0, _options.MaxPageSize);
        var selection = Selection(call, type);
        var page = await Store.QueryAsync(kind, new ScimQuery
        {
            Filter = filter,
            StartIndex = startIndex,
            Count = count,
            IncludeRelated = selection.Wants(RelatedAttribute(kind)),
        }, call.Context.RequestAborted).ConfigureAwait(false);
        var resources = new JsonArray();
        foreach (var resource in page.Resources)
        {
            resources.Add(ScimResourceRenderer.Render(resource, call.BaseUrl, selection));
        }

        await ScimResponses.WriteAsync(call.Context, 200, new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponseId),
            ["totalResults"] = page.TotalResults,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = page.Resources.Count,
            ["Resources"] = resources,
        }).ConfigureAwait(false);
    }

    private async Task GetAsync(Call call, ScimResourceKind kind, string id)
    {
        call.ResourceId = id;
        var selection = Selection(call, ScimSchemas.For(kind));
        var resource = await Store.FindAsync(kind, id, selection.Wants(RelatedAttribute(kind)), call.Context.RequestAborted).ConfigureAwait(false)
            ?? throw NotFound(kind, id);
        if (Matches(call.Context.Request.Headers.IfNoneMatch, resource.ETag))
        {
            await ScimResponses.WriteAsync(call.Context, 304, null, resource.ETag).ConfigureAwait(false);
            return;
        }

        await ScimResponses.WriteAsync(call.Context, 200, ScimResourceRenderer.Render(resource, call.BaseUrl, selection), resource.ETag).ConfigureAwait(false);
    }

    private async Task CreateAsync(Call call, ScimResourceKind kind)
    {
        var type = ScimSchemas.For(kind);
        var body = await ScimRequestBody.ReadObjectAsync(call.Context, _options.MaxBodyBytes).ConfigureAwait(false);
        var document = ScimDocument.Normalize(body, type, out _, out var members);
        call.Summary = "create " + Describe(document);
        var created = await Store.CreateAsync(kind, document, members ?? [], call.Context.RequestAborted).ConfigureAwait(false);
        call.ResourceId = created.Id;
        await Events.RaiseAsync(new ScimEvent(kind == ScimResourceKind.User ? ScimEventKind.UserCreated : ScimEventKind.GroupCreated, currentTenant.Id!, created.Id, created.Attributes), call.Context.RequestAborted).ConfigureAwait(false);
        var rendered = ScimResourceRenderer.Render(created, call.BaseUrl, Selection(call, type));
        call.Context.Response.Headers.Location = $"{call.BaseUrl}{type.Endpoint}/{created.Id}";
        await ScimResponses.WriteAsync(call.Context, 201, rendered, created.ETag).ConfigureAwait(false);
    }

    /// <summary>What a PUT and a PATCH start with: the stored resource (404 when missing, 412 when If-Match disagrees) and the request body.</summary>
    private async Task<(ScimResourceType Type, ScimResource Current, JsonObject Body)> BeginUpdateAsync(Call call, ScimResourceKind kind, string id)
    {
        call.ResourceId = id;
        var current = await Store.FindAsync(kind, id, false, call.Context.RequestAborted).ConfigureAwait(false) ?? throw NotFound(kind, id);
        RequireMatch(call, current);
        var body = await ScimRequestBody.ReadObjectAsync(call.Context, _options.MaxBodyBytes).ConfigureAwait(false);
        return (ScimSchemas.For(kind), current, body);
    }

    private async Task ReplaceAsync(Call call, ScimResourceKind kind, string id)
    {
        var (type, current, body) = await BeginUpdateAsync(call, kind, id).ConfigureAwait(false);
        var document = ScimDocument.Normalize(body, type, out _, out var members);
        call.Summary = "replace " + Describe(document);
        IReadOnlyList<ScimMemberChange> changes = kind == ScimResourceKind.Group
            ? [new ScimMemberChange(ScimMemberChangeKind.Replace, members ?? [])]
            : [];
        await Store.UpdateAsync(kind, id, document, changes, current.Version, call.Context.RequestAborted).ConfigureAwait(false);
        await RaiseUpdatedAsync(kind, current, document, changes, call.Context.RequestAborted).ConfigureAwait(false);
        await RespondWithAsync(call, kind, id).ConfigureAwait(false);
    }

    private async Task PatchAsync(Call call, ScimResourceKind kind, string id)
    {
        var (type, current, body) = await BeginUpdateAsync(call, kind, id).ConfigureAwait(false);
        var result = ScimPatchEngine.Apply(type, current.Attributes, body);
        call.Summary = "patch " + result.Summary;
        await Store.UpdateAsync(kind, id, result.Document, result.MemberChanges, current.Version, call.Context.RequestAborted).ConfigureAwait(false);
        await RaiseUpdatedAsync(kind, current, result.Document, result.MemberChanges, call.Context.RequestAborted).ConfigureAwait(false);
        var query = call.Context.Request.Query;
        if (kind == ScimResourceKind.Group && !query.ContainsKey("attributes") && !query.ContainsKey("excludedAttributes"))
        {
            // RFC 7644 §3.5.2 allows 204: a group's full member list can be large, so it is sent only when asked for.
            var stored = await Store.FindAsync(kind, id, false, call.Context.RequestAborted).ConfigureAwait(false) ?? throw NotFound(kind, id);
            await ScimResponses.WriteAsync(call.Context, 204, null, stored.ETag).ConfigureAwait(false);
            return;
        }

        await RespondWithAsync(call, kind, id).ConfigureAwait(false);
    }

    private async Task DeleteAsync(Call call, ScimResourceKind kind, string id)
    {
        call.ResourceId = id;
        call.Summary = "delete";
        long? expected = null;
        if (call.Context.Request.Headers.IfMatch.Count > 0)
        {
            var current = await Store.FindAsync(kind, id, false, call.Context.RequestAborted).ConfigureAwait(false) ?? throw NotFound(kind, id);
            RequireMatch(call, current);
            expected = current.Version;
        }

        if (!await Store.DeleteAsync(kind, id, expected, call.Context.RequestAborted).ConfigureAwait(false))
        {
            throw NotFound(kind, id);
        }

        await Events.RaiseAsync(new ScimEvent(kind == ScimResourceKind.User ? ScimEventKind.UserDeleted : ScimEventKind.GroupDeleted, currentTenant.Id!, id, null), call.Context.RequestAborted).ConfigureAwait(false);
        await ScimResponses.WriteAsync(call.Context, 204, null).ConfigureAwait(false);
    }

    private async Task RespondWithAsync(Call call, ScimResourceKind kind, string id)
    {
        var selection = Selection(call, ScimSchemas.For(kind));
        var stored = await Store.FindAsync(kind, id, selection.Wants(RelatedAttribute(kind)), call.Context.RequestAborted).ConfigureAwait(false)
            ?? throw NotFound(kind, id);
        await ScimResponses.WriteAsync(call.Context, 200, ScimResourceRenderer.Render(stored, call.BaseUrl, selection), stored.ETag).ConfigureAwait(false);
    }

    private async Task RaiseUpdatedAsync(ScimResourceKind kind, ScimResource before, JsonObject after, IReadOnlyList<ScimMemberChange> changes, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Id!;
        if (kind == ScimResourceKind.Group)
        {
            if (!JsonNode.DeepEquals(before.Attributes, after))
            {
                await Events.RaiseAsync(new ScimEvent(ScimEventKind.GroupUpdated, tenantId, before.Id, after), cancellationToken).ConfigureAwait(false);
            }

            if (changes.Count > 0)
            {
                await Events.RaiseAsync(new ScimEvent(ScimEventKind.GroupMembershipChanged, tenantId, before.Id, after), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var wasActive = IsActive(before.Attributes);
        var isActive = IsActive(after);
        var eventKind = wasActive == isActive ? ScimEventKind.UserUpdated : isActive ? ScimEventKind.UserReactivated : ScimEventKind.UserDeactivated;
        await Events.RaiseAsync(new ScimEvent(eventKind, tenantId, before.Id, after), cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLogAsync(Call call, int status, ScimException? failure)
    {
        try
        {
            var log = services.GetService<IScimProvisioningLog>();
            if (log is null)
            {
                return;
            }

            var summary = call.Summary ?? "";
            await log.WriteAsync(
                new ScimProvisioningEntry(time.GetUtcNow().UtcDateTime, call.Context.Request.Method, Cut("/" + call.Path, 64), call.ResourceId, summary, status, failure?.ScimType, failure?.Message),
                CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The log is for debugging: failing to write it must not change the answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ProvisioningLogFailed(logger, ex);
        }
    }

    private IScimStore Store => services.GetRequiredService<IScimStore>();

    private ScimEventDispatcher Events => services.GetRequiredService<ScimEventDispatcher>();

    private static ScimAttribute RelatedAttribute(ScimResourceKind kind) =>
        kind == ScimResourceKind.User ? ScimSchemas.User.FindAttribute("groups")! : ScimSchemas.Group.FindAttribute("members")!;

    private static ScimAttributeSelection Selection(Call call, ScimResourceType type)
    {
        var query = call.Context.Request.Query;
        return ScimAttributeSelection.Parse(type, query["attributes"].ToString(), query["excludedAttributes"].ToString());
    }

    private static void RequireMatch(Call call, ScimResource current)
    {
        var ifMatch = call.Context.Request.Headers.IfMatch;
        if (ifMatch.Count > 0 && !Matches(ifMatch, current.ETag))
        {
            throw ScimException.PreconditionFailed();
        }
    }

    /// <summary>Whether an If-Match / If-None-Match header names the ETag (weak comparison) or is <c>*</c>.</summary>
    private static bool Matches(StringValues header, string etag)
    {
        var opaque = Opaque(etag);
        foreach (var value in header)
        {
            foreach (var item in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (item == "*" || Opaque(item) == opaque)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Opaque(string tag) => (tag.StartsWith("W/", StringComparison.OrdinalIgnoreCase) ? tag[2..] : tag).Trim('"');

    private static int Integer(StringValues values, int fallback, string name)
    {
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return fallback;
        }

        return int.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{name}' must be an integer.");
    }

    private static bool IsActive(JsonObject document) => document["active"] is not JsonValue v || v.GetValueKind() != JsonValueKind.False;

    private static string Describe(JsonObject document) =>
        (document["userName"] ?? document["displayName"]) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Cut(v.GetValue<string>(), 256) : "";

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";

    private static string BaseUrl(HttpContext context, string prefix)
    {
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}";
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>A discovery endpoint: the list of <paramref name="items"/> at <c>/Name</c>, one item at <c>/Name/{key}</c>, 404 for an unknown key.</summary>
    private static Task DiscoveryAsync<T>(Call call, string[] segments, IEnumerable<T> items, Func<T, string> key, Func<T, string, JsonObject> render, string notFound)
        where T : class
    {
        if (segments.Length == 1)
        {
            return ScimResponses.WriteAsync(call.Context, 200, ScimDiscovery.List(items.Select(i => render(i, call.BaseUrl))));
        }

        var wanted = Uri.UnescapeDataString(segments[1]);
        var item = items.FirstOrDefault(i => Is(key(i), wanted)) ?? throw ScimException.NotFound(notFound);
        return ScimResponses.WriteAsync(call.Context, 200, render(item, call.BaseUrl));
    }

    private static void RequireGet(string method)
    {
        if (!HttpMethods.IsGet(method))
        {
            throw NotAllowed();
        }
    }

    private static ScimException NotAllowed() => new(405, null, "This method is not supported on this endpoint.");

    private static ScimException NotFound(ScimResourceKind kind, string id) =>
        ScimException.NotFound($"{(kind == ScimResourceKind.User ? "User" : "Group")} {Cut(id, 64)} not found.");

    private sealed class Call(HttpContext context, string prefix, string path, string baseUrl)
    {
        public HttpContext Context { get; } = context;

        public string Prefix { get; } = prefix;

        public string Path { get; } = path;

        public string BaseUrl { get; } = baseUrl;

        public string? Summary { get; set; }

        public string? ResourceId { get; set; }
    }
}
