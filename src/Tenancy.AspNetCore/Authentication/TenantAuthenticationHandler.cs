using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Problems;

namespace Tenancy.AspNetCore.Authentication;

/// <summary>
/// What the tenant API-key and JWT bearer handlers share: they run as request handlers, so a caller whose credentials
/// fail is answered before any endpoint whatever the default scheme; a caller who authenticates becomes the request's
/// user; challenges and forbids are answered with ProblemDetails.
/// </summary>
internal abstract class TenantAuthenticationHandler<TOptions>(
    IOptionsMonitor<TOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IProblemDetailsService? problemDetails)
    : AuthenticationHandler<TOptions>(options, logger, encoder), IAuthenticationRequestHandler
    where TOptions : AuthenticationSchemeOptions, new()
{
    private readonly TenancyProblemWriter _problems = new(problemDetails);

    /// <summary>The problem a forbidden caller of this scheme gets.</summary>
    protected abstract TenancyProblem ForbiddenProblem { get; }

    /// <inheritdoc />
    public async Task<bool> HandleRequestAsync()
    {
        var result = await HandleAuthenticateOnceAsync();
        if (result.Failure is null)
        {
            if (result.Principal is { } principal)
            {
                // The caller is the request's user even when another scheme is the default (which overrides it only
                // if it authenticates someone from other credentials).
                Context.User = principal;
            }

            return false;
        }

        return await HandleFailedAuthenticationAsync(result);
    }

    /// <summary>Answers a request whose credentials failed; returns true when the response is written.</summary>
    protected abstract Task<bool> HandleFailedAuthenticationAsync(AuthenticateResult result);

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteProblemAsync(ForbiddenProblem);

    /// <summary>Writes <paramref name="problem"/> as the response.</summary>
    protected Task WriteProblemAsync(TenancyProblem problem) => _problems.WriteAsync(Context, problem);

    /// <summary>Writes a 401 <paramref name="problem"/> with the given <c>WWW-Authenticate</c> challenge.</summary>
    protected Task WriteChallengeAsync(string wwwAuthenticate, TenancyProblem problem)
    {
        // The problem writer clears the response first, so the challenge header is added as the response starts.
        Response.OnStarting(static state =>
        {
            var (response, value) = ((HttpResponse, string))state;
            response.Headers.WWWAuthenticate = value;
            return Task.CompletedTask;
        }, (Response, wwwAuthenticate));
        return WriteProblemAsync(problem);
    }
}
