using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Sample.Host.Auth;

namespace Tenancy.Console.Tests;

/// <summary>The one place a password sign-in can be refused after the password checks out (SSO-enforced tenants).</summary>
public sealed class PasswordSignInRuleTests : IClassFixture<PasswordSignInRuleTests.RuleHost>
{
    private readonly ConsoleHost _host;

    public PasswordSignInRuleTests(RuleHost fixture) => _host = fixture.Host;

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

    /// <summary>The sample with a rule that refuses password sign-in to Acme.</summary>
    public sealed class RuleHost : IDisposable
    {
        public ConsoleHost Host { get; } = new(services => services.AddSingleton<IPasswordSignInRule, AcmeIsSsoOnly>());

        public void Dispose() => Host.Dispose();
    }

    private sealed class AcmeIsSsoOnly : IPasswordSignInRule
    {
        public ValueTask<string?> CheckAsync(SampleUser user, TenantInfo? tenant, CancellationToken cancellationToken) =>
            ValueTask.FromResult(tenant?.Id == "t-acme" ? "Acme signs in with single sign-on only." : null);
    }
}
