using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Tenancy.AspNetCore.Metadata;

namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// The sample's sign-in and the secure pattern for tenant data: <c>builder.AddSampleAuthentication()</c>,
/// <c>app.UseSampleAuthentication()</c> in place of <c>UseAuthentication()</c>, and <c>RequireTenantMember()</c> on the
/// endpoints that read or write tenant data.
/// </summary>
public static class SampleAuthenticationExtensions
{
    /// <summary>The policy: an authenticated user whose tenant claim is the request's tenant.</summary>
    public const string TenantMemberPolicy = "TenantMember";

    /// <summary>Registers the demo scheme, authorization and the <see cref="TenantMemberPolicy"/> policy.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services
            .AddAuthentication(DemoAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(TenantMemberPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.Resource is HttpContext http
                && http.RequestServices.GetRequiredService<ICurrentTenant>().Id is { } tenantId
                && context.User.HasClaim(DemoAuthenticationHandler.TenantClaim, tenantId)));
        return builder;
    }

    /// <summary>
    /// Authenticates each request and answers 401 (problem details) when it carries credentials that fail — another
    /// scheme, a malformed or empty value, an unknown tenant — instead of letting it through as an anonymous request
    /// whose header picks the tenant. Call it after <c>UseRouting()</c>: endpoints marked <c>AllowWithoutTenant()</c>
    /// resolve no tenant and check their own credentials (SCIM bearer tokens), so they are left to do so.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseSampleAuthentication(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey("Authorization")
                && context.User.Identity?.IsAuthenticated != true
                && context.GetEndpoint()?.Metadata.GetMetadata<ITenantEndpointMetadata>()?.Requirement != TenantRequirement.AllowWithoutTenant
                && (await context.AuthenticateAsync(DemoAuthenticationHandler.SchemeName)).Failure is { } failure)
            {
                // The failure messages are the handler's fixed texts, never request input.
                var properties = new AuthenticationProperties();
                properties.Items[DemoAuthenticationHandler.FailureItem] = failure.Message;
                await context.ChallengeAsync(DemoAuthenticationHandler.SchemeName, properties);
                return;
            }

            await next(context);
        });
    }

    /// <summary>
    /// Requires an authenticated member of the request's tenant (<see cref="TenantMemberPolicy"/>) on every endpoint of
    /// <paramref name="builder"/> that runs with a tenant; endpoints marked <c>AllowWithoutTenant()</c> (signature-checked
    /// presigned URLs) are left as they are.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoints or group.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequireTenantMember<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Finally(endpoint =>
        {
            var requirement = endpoint.Metadata.OfType<ITenantEndpointMetadata>().LastOrDefault()?.Requirement;
            if (requirement != TenantRequirement.AllowWithoutTenant)
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(TenantMemberPolicy));
            }
        });
        return builder;
    }
}
