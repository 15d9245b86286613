using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.AspNetCore.Metadata;
using Tenancy.AspNetCore.Problems;
using Tenancy.Diagnostics;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.AspNetCore.Http;

/// <summary>
/// Resolves the request's tenant and makes it current for the rest of the pipeline; answers failures with problem
/// details. Added by <c>app.UseTenancy()</c>.
/// </summary>
internal sealed class TenantResolutionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly Func<HttpContext, Task> _nextCall;
    private readonly AmbientCurrentTenant? _ambient;
    private readonly ITenantResolver _resolver;
    private readonly ICurrentTenant _currentTenant;
    private readonly TenancyProblemWriter _problems;
    private readonly ILogger _logger;
    private readonly PathStringPool _paths = new();
    private readonly TenantPathBaseCache _pathBases = new();
    private readonly bool _requireByDefault;
    private readonly bool _rebase;
    private readonly bool _reroute;

    public TenantResolutionMiddleware(
        RequestDelegate next,
        ITenantResolver resolver,
        ICurrentTenant currentTenant,
        IOptions<TenancyHttpOptions> options,
        IEnumerable<ITenantResolutionStrategy> strategies,
        ILogger<TenantResolutionMiddleware> logger,
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

    /// <summary>
    /// Handles one request. Not an <see langword="async"/> method: when the tenant comes from memory (the resolver
    /// completes synchronously) and no logger is listening, the request goes straight into the ambient context's runner
    /// and its task is returned as it is (with the path strategy, paths are restored as soon as it completes); every
    /// other case continues in an async helper.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        var requirement = RequirementOf(context);
        if (requirement == TenantRequirement.AllowWithoutTenant)
        {
            return RunWithoutTenantAsync(context);
        }

        ValueTask<TenantResolutionResult> resolving;
        try
        {
            resolving = _resolver.ResolveAsync(HttpContextTenantRequestReader.CreateView(context), context.RequestAborted);
        }
#pragma warning disable CA1031 // Handled where an asynchronous failure is: 503, or nothing when the client went away.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            resolving = ValueTask.FromException<TenantResolutionResult>(ex);
        }

        return resolving.IsCompletedSuccessfully
            ? Continue(context, resolving.Result, requirement)
            : ResolveThenContinueAsync(context, resolving, requirement);
    }

    private TenantRequirement RequirementOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ITenantEndpointMetadata>()?.Requirement
            ?? (_requireByDefault ? TenantRequirement.Required : TenantRequirement.Optional);

    private async Task ResolveThenContinueAsync(HttpContext context, ValueTask<TenantResolutionResult> resolving, TenantRequirement requirement)
    {
        TenantResolutionResult result;
        try
        {
            result = await resolving;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The client went away; there is no one to answer.
        }
#pragma warning disable CA1031 // A failing store must not become a 500 or escape with request data: it is a 503.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.TenantStoreFailed(_logger, ex);
            await _problems.WriteAsync(context, TenancyProblem.StoreUnavailable);
            return;
        }

        await Continue(context, result, requirement);
    }

    private Task Continue(HttpContext context, in TenantResolutionResult result, TenantRequirement requirement)
    {
        if (result.Outcome == TenantResolutionOutcome.Resolved)
        {
            var tenant = result.Tenant!;
            Activity.Current?.SetTag(TenancyTelemetry.TenantIdTag, tenant.Id);
            var logging = _logger.IsEnabled(LogLevel.Critical);
            if (_ambient is null || logging)
            {
                return RunResolvedAsync(context, tenant, logging);
            }

            // The hot path: the ambient context's own runner needs no scope frame (it owns this flow).
            return _rebase ? RunRebased(context, tenant, _ambient) : _ambient.RunAsync(tenant, _nextCall, context);
        }

        if (result.Outcome == TenantResolutionOutcome.NotResolved && requirement != TenantRequirement.Required)
        {
            return RunWithoutTenantAsync(context);
        }

        var problem = TenancyProblem.For(result.Outcome) ?? TenancyProblem.TenantRequired;
        Log.RequestRejected(_logger, problem.Status, result.Outcome, result.StrategyName ?? "none");
        return _problems.WriteAsync(context, problem, result.StrategyName);
    }

    private async Task RunWithoutTenantAsync(HttpContext context)
    {
        using (_currentTenant.Begin(null))
        {
            await _next(context);
        }
    }

    /// <summary>The resolved request with a logging scope, path rebasing or an <see cref="ICurrentTenant"/> of its own.</summary>
    private async Task RunResolvedAsync(HttpContext context, TenantInfo tenant, bool logging)
    {
        var request = context.Request;
        var originalPathBase = request.PathBase;
        var originalPath = request.Path;
        var rebased = _rebase && Rebase(context, tenant);

        using (logging ? _logger.BeginScope(TenantHttpState.For(tenant)) : null)
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
                    Restore(request, originalPathBase, originalPath);
                }
            }
        }
    }

    /// <summary>
    /// The path strategy's hot path: rebases, runs the rest of the pipeline in the ambient runner and restores the
    /// request's paths when it is done — at once when it completed synchronously (no async state machine), or after it
    /// finished, faulted or was cancelled otherwise.
    /// </summary>
    private Task RunRebased(HttpContext context, TenantInfo tenant, AmbientCurrentTenant ambient)
    {
        var request = context.Request;
        var originalPathBase = request.PathBase;
        var originalPath = request.Path;
        if (!Rebase(context, tenant))
        {
            return ambient.RunAsync(tenant, _nextCall, context);
        }

        Task running;
        try
        {
            running = ambient.RunAsync(tenant, _nextCall, context);
        }
        catch
        {
            Restore(request, originalPathBase, originalPath);
            throw;
        }

        if (running.IsCompletedSuccessfully)
        {
            Restore(request, originalPathBase, originalPath);
            return running;
        }

        return RestoreWhenDoneAsync(running, request, originalPathBase, originalPath);
    }

    private static async Task RestoreWhenDoneAsync(Task running, HttpRequest request, PathString originalPathBase, PathString originalPath)
    {
        try
        {
            await running;
        }
        finally
        {
            Restore(request, originalPathBase, originalPath);
        }
    }

    private static void Restore(HttpRequest request, PathString originalPathBase, PathString originalPath)
    {
        request.PathBase = originalPathBase;
        request.Path = originalPath;
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
            pathBase = _pathBases.Get(tenant);
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
}
