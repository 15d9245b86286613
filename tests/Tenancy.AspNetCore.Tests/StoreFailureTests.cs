using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Tenancy.AspNetCore.Problems;
using Tenancy.AspNetCore.Tests.Infrastructure;
using Tenancy.Stores;

namespace Tenancy.AspNetCore.Tests;

public sealed class StoreFailureTests
{
    [Fact]
    public async Task Failing_store_is_answered_503_and_logged_without_escaping()
    {
        var store = Substitute.For<ITenantStore>();
        store.FindByIdentifierAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns<ValueTask<TenantInfo?>>(_ => throw new InvalidOperationException("database down"));
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant").WithStore(_ => store));

        using var response = await app.GetAsync("/whoami", ("X-Tenant", "acme"));

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, TenancyProblemTypes.StoreUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("database down");
        app.Logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Use_tenancy_without_add_tenancy_fails_at_start_up_with_a_clear_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var act = () => app.UseTenancy();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddTenancy*");
    }
}
