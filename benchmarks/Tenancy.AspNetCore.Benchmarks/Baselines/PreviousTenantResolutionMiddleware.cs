using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Metadata;
using Tenancy.AspNetCore.Problems;
using Tenancy.Diagnostics;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

using Tenancy.AspNetCore.Http;

namespace Tenancy.AspNetCore.Benchmarks.Baselines;

/// <summary>
/// TenantResolutionMiddleware as it was on main before the issue-15 hot-path work (commit 161b649), for the in-process
/// comparison in <see cref="MiddlewareBenchmarks"/> only. The original summary follows.
/// Resolves the request's tenant and makes it current for the rest of the pipeline; answers failures with problem
/// details. Added by <c>app.UseTenancy()</c>.
/// </summary>
internal sealed partial class PreviousTenantResolutionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly Func<HttpContext, Task> _nextCall;
    private readonly AmbientCurrentTenant? _ambient;
    private readonly ITenantResolver _resolver;
    private readonly ICurrentTenant _currentTenant;
    private readonly TenancyProblemWriter _problems;
    private readonly ILogger _logger;
    private readonly PathStringPool _paths = new();
    private readonly bool _requireByDefault;
    private readonly bool _rebase;
    private readonly bool _reroute;

    public PreviousTenantResolutionMiddleware(
        RequestDelegate next,
        ITenantResolver resolver,
        ICurrentTenant currentTenant,
        IOptions<TenancyHttpOptions> options,
        IEnumerable<ITenantResolutionStrategy> strategies,
        ILogger<PreviousTenantResolutionMiddleware> logger,
        TenantRouting routing,
        IProblemDetailsService? problemDetails = null)
    {
        _next = next;
        _nextCall = next.Invoke;
        _ambient = currentTenant as AmbientCurrentTenant;
        _resolver = resolver;
        _currentTenant = currentTenant;
        _logger = logger;
        _problems = new TenancyProblemWriter(problemDetails);
        _requireByDefault = options.Value.RequireTenantByDefault;
        _rebase = options.Value.RebasePathBase && strategies.Any(static s => s is PathTenantStrategy);
        _reroute = routing.Reroute;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<ITenantEndpointMetadata>()?.Requirement
            ?? (_requireByDefault ? TenantRequirement.Required : TenantRequirement.Optional);

        if (requirement == TenantRequirement.AllowWithoutTenant)
        {
            using (_currentTenant.Begin(null))
            {
                await _next(context);
            }

            return;
        }

        TenantResolutionResult result;
        try
        {
            result = await _resolver.ResolveAsync(HttpContextTenantRequestReader.CreateView(context), context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The client went away; there is no one to answer.
        }
#pragma warning disable CA1031 // A failing store must not become a 500 or escape with request data: it is a 503.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStoreFailed(_logger, ex);
            await _problems.WriteAsync(context, TenancyProblem.StoreUnavailable);
            return;
        }

        if (result.Outcome == TenantResolutionOutcome.Resolved)
        {
            // Inline rather than in a second async method: this is the hot path.
            var tenant = result.Tenant!;
            Activity.Current?.SetTag(TenancyTelemetry.TenantIdTag, tenant.Id);
            var request = context.Request;
            var originalPathBase = request.PathBase;
            var originalPath = request.Path;
            var rebased = _rebase && Rebase(context, tenant);

            using (_logger.IsEnabled(LogLevel.Critical) ? _logger.BeginScope(TenantHttpState.For(tenant)) : null)
            {
                try
                {
                    // The ambient context's own runner needs no scope frame (it owns this flow); any other
                    // ICurrentTenant gets a scope.
                    await (_ambient is not null ? _ambient.RunAsync(tenant, _nextCall, context) : RunInScopeAsync(tenant, context));
                }
                finally
                {
                    if (rebased)
                    {
                        request.PathBase = originalPathBase;
                        request.Path = originalPath;
                    }
                }
            }

            return;
        }

        if (result.Outcome == TenantResolutionOutcome.NotResolved && requirement != TenantRequirement.Required)
        {
            using (_currentTenant.Begin(null))
            {
                await _next(context);
            }

            return;
        }

        var problem = TenancyProblem.For(result.Outcome) ?? TenancyProblem.TenantRequired;
        LogRejected(_logger, problem.Status, result.Outcome, result.StrategyName ?? "none");
        await _problems.WriteAsync(context, problem, result.StrategyName);
    }

    private async Task RunInScopeAsync(TenantInfo tenant, HttpContext context)
    {
        using (_currentTenant.Begin(tenant))
        {
            await _next(context);
        }
    }

    /// <summary>Moves the first path segment into <c>PathBase</c> when it names <paramref name="tenant"/>.</summary>
    private bool Rebase(HttpContext context, TenantInfo tenant)
    {
        var request = context.Request;
        var path = request.Path.Value;
        var segment = PathTenantStrategy.GetFirstSegment(path);
        if (segment.IsEmpty || path is null)
        {
            return false;
        }

        string pathBase;
        if (segment.SequenceEqual(tenant.Identifier))
        {
            pathBase = TenantHttpState.For(tenant).PathBase;
        }
        else if (segment.Equals(tenant.Identifier, StringComparison.OrdinalIgnoreCase) || segment.SequenceEqual(tenant.Id))
        {
            pathBase = string.Concat("/", segment);
        }
        else
        {
            return false;
        }

        request.PathBase = request.PathBase.HasValue ? request.PathBase.Add(new PathString(pathBase)) : new PathString(pathBase);
        request.Path = path.Length == segment.Length + 1 ? PathString.Empty : new PathString(_paths.Get(path.AsSpan(segment.Length + 1)));
        if (_reroute && context.GetEndpoint() is not null)
        {
            context.SetEndpoint(null); // Routing matched the tenant-prefixed path; the routing step after this middleware matches again.
            request.RouteValues.Clear();
        }

        return true;
    }

    [LoggerMessage(EventId = 2000, EventName = "RequestRejected", Level = LogLevel.Information, Message = "Request rejected with {Status}: tenant {Outcome} (strategy {Strategy}).")]
    private static partial void LogRejected(ILogger logger, int status, TenantResolutionOutcome outcome, string strategy);

    [LoggerMessage(EventId = 2001, EventName = "TenantStoreFailed", Level = LogLevel.Error, Message = "The tenant store failed while resolving the request's tenant; answered 503.")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
