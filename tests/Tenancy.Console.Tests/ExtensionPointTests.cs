using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.Lifecycle;
using Tenancy.Sample.Host.Auth;

namespace Tenancy.Console.Tests;

/// <summary>
/// The seams SSO plugs into: a password sign-in rule (SSO-enforced tenants), a bearer scheme the default scheme forwards
/// <c>Authorization: Bearer …</c> to once it is registered, and the session principal's shape.
/// </summary>
public sealed class ExtensionPointTests : IClassFixture<ExtensionPointTests.ExtendedHost>
{
    private readonly ConsoleHost _host;

    public ExtensionPointTests(ExtendedHost fixture) => _host = fixture.Host;

    [Fact]
    public async Task A_rule_refuses_the_password_sign_in_of_its_tenant_with_its_reason_and_issues_no_session()
    {
        var jar = new CookieContainer();
        using var client = _host.CreateLoopbackClient(jar);

        using var refused = await ConsoleHttp.SignInAsync(client, _host.Tenant("acme"), DemoUsers.AcmeOwner);

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Acme signs in with single sign-on only.");
        jar.GetCookieHeader(new Uri(_host.Tenant("acme"))).Should().NotContain(".Tenancy.Sample.Session");
        (await ConsoleHttp.SignInAsync(client, _host.Tenant("globex"), DemoUsers.GlobexOwner)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the rule is about Acme only");
    }

    [Theory]
    [InlineData("Bearer good-acme", HttpStatusCode.OK)]
    [InlineData("Bearer bad", HttpStatusCode.Unauthorized)]
    [InlineData("Demo ada@t-acme", HttpStatusCode.OK)]
    [InlineData("Basic YTpi", HttpStatusCode.Unauthorized)]
    public async Task The_default_scheme_forwards_bearer_credentials_to_the_bearer_scheme_once_registered(string authorization, HttpStatusCode expected)
    {
        using var client = _host.CreateLoopbackClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Root + "/projects"));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Add("X-Tenant", "acme");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public void The_session_principal_carries_user_id_tenant_roles_and_authentication_method()
    {
        var principal = SamplePrincipal.Create("ada", "Ada", "t-acme", ["owner", "owner", "billing"], SampleClaims.Password);

        principal.FindFirstValue(ClaimTypes.NameIdentifier).Should().Be("ada");
        principal.FindFirstValue("tid").Should().Be("t-acme");
        principal.FindFirstValue("amr").Should().Be("pwd");
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Should().Equal("owner", "billing");
        principal.Identity!.AuthenticationType.Should().Be("Cookies");
        principal.IsInRole("owner").Should().BeTrue();
        SamplePrincipal.Create(SampleUserStore.PlatformAdminId, "Operator", null, [SampleClaims.PlatformAdminRole], SampleClaims.Password)
            .HasClaim(c => c.Type == "tid").Should().BeFalse("operators belong to no tenant");
    }

    [Fact]
    public async Task An_offboarding_that_fails_half_way_says_so_keeps_the_tenant_and_resumes_where_it_stopped()
    {
        using (var api = _host.CreateLoopbackClient())
        {
            api.DefaultRequestHeaders.Add("X-Platform-Key", "dev-platform-key-change-me");
            (await api.PostAsJsonAsync(new Uri(_host.Root + "/platform/tenants"), new { id = FailOnceStep.TenantId, identifier = "flaky", name = "Flaky", ownerUserId = "ada" })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, _host.Root, DemoUsers.PlatformAdmin);
        var detail = _host.Root + "/admin/tenants/" + FailOnceStep.TenantId;

        using (var started = await ConsoleHttp.PostFormAsync(client, detail, detail + "?handler=Offboard", ("confirm", FailOnceStep.TenantId)))
        {
            started.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var stopped = await WaitForOffboardingAsync(client);
        stopped.Should().Contain("Stopped").And.Contain("The flaky step failed");
        var kept = await client.GetStringAsync(new Uri(detail));
        kept.Should().Contain("Suspended", "the tenant stays, suspended, when offboarding stops half-way");

        using (var again = await ConsoleHttp.PostFormAsync(client, detail, detail + "?handler=Offboard", ("confirm", FailOnceStep.TenantId)))
        {
            again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var finished = await WaitForOffboardingAsync(client);
        finished.Should().Contain("Finished").And.Contain("already-done", "the journal resumes after the steps that finished");
        (await client.GetStringAsync(new Uri(detail))).Should().Contain("Archived");
    }

    private async Task<string> WaitForOffboardingAsync(HttpClient client)
    {
        for (var i = 0; i < 300; i++)
        {
            var html = await client.GetStringAsync(new Uri(_host.Root + $"/admin/tenants/{FailOnceStep.TenantId}/offboarding"));
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return html;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The offboarding did not end within 30 seconds.");
    }

    /// <summary>The sample with a rule that refuses password sign-in to Acme and a stand-in bearer scheme.</summary>
    public sealed class ExtendedHost : IDisposable
    {
        public ConsoleHost Host { get; } = new(services =>
        {
            services.AddSingleton<IPasswordSignInRule, AcmeIsSsoOnly>();
            services.AddSingleton<TenantLifecycleStep, FailOnceStep>();
            // The sample registers the real per-tenant JWT bearer scheme under this name (AddSampleSso): swap its handler for the fixed one.
            services.PostConfigure<AuthenticationOptions>(o =>
            {
                if (o.SchemeMap.TryGetValue(SampleAuthenticationExtensions.BearerScheme, out var bearer))
                {
                    bearer.HandlerType = typeof(FixedBearerHandler);
                }
                else
                {
                    o.AddScheme<FixedBearerHandler>(SampleAuthenticationExtensions.BearerScheme, null);
                }
            });
        });

        public void Dispose() => Host.Dispose();
    }

    /// <summary>Deletes nothing, and fails the first time it runs for <see cref="TenantId"/>: a crash half-way through offboarding.</summary>
    private sealed class FailOnceStep : TenantLifecycleStep
    {
        public const string TenantId = "t-flaky";
        private int _runs;

        public override string Name => "test.fail-once";

        public override int Order => 150;

        public override bool Handles(TenantLifecycleStage stage) => stage == TenantLifecycleStage.DeleteData;

        public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => $"Fail once for '{TenantId}'.";

        public override Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken) =>
            context.Tenant.Id == TenantId && Interlocked.Increment(ref _runs) == 1
                ? throw new InvalidOperationException("The flaky step failed.")
                : Task.CompletedTask;
    }

    private sealed class AcmeIsSsoOnly : IPasswordSignInRule
    {
        public ValueTask<string?> CheckAsync(SampleUser user, TenantInfo? tenant, CancellationToken cancellationToken) =>
            ValueTask.FromResult(tenant?.Id == "t-acme" ? "Acme signs in with single sign-on only." : null);
    }

    /// <summary>A bearer scheme that knows one token: <c>good-acme</c> is "ada" of Acme (SSO's job in the real host).</summary>
    private sealed class FixedBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers.Authorization.ToString() == "Bearer good-acme"
                ? AuthenticateResult.Success(new AuthenticationTicket(SamplePrincipal.Create("ada", "Ada", "t-acme", ["owner"], SampleClaims.Sso), Scheme.Name))
                : AuthenticateResult.Fail("Unknown bearer token."));
    }
}
