using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Tenancy.AspNetCore.Http;

namespace Tenancy.AspNetCore.Tests;

public sealed class HttpContextTenantRequestReaderTests
{
    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("acme.example.com:8443");
        context.Request.Path = "/acme/orders";
        context.Request.Headers["X-Tenant"] = "globex";
        context.Request.QueryString = new QueryString("?tenant=initech");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tid", "t-acme")], "test"));
        return context;
    }

    [Fact]
    public void View_reads_host_path_headers_query_and_user_from_the_context()
    {
        var context = Context();
        var view = HttpContextTenantRequestReader.CreateView(context);

        view.Host.ToString().Should().Be("acme.example.com:8443");
        view.Path.ToString().Should().Be("/acme/orders");
        view.GetHeader("x-tenant").ToString().Should().Be("globex");
        view.GetHeader("X-Missing").Count.Should().Be(0);
        view.GetQuery("tenant").ToString().Should().Be("initech");
        view.User.Should().BeSameAs(context.User);
        view.State.Should().BeSameAs(context);
    }

    [Fact]
    public void Query_string_is_parsed_only_when_a_strategy_asks_for_it()
    {
        var context = Context();
        var view = HttpContextTenantRequestReader.CreateView(context);

        _ = view.Host;
        _ = view.Path;
        _ = view.GetHeader("X-Tenant");
        _ = view.User;
        context.Features.Get<IQueryFeature>().Should().BeNull();

        _ = view.GetQuery("tenant");
        context.Features.Get<IQueryFeature>().Should().NotBeNull();
    }

    [Fact]
    public void Reader_refuses_state_that_is_not_an_http_context()
    {
        var act = () => HttpContextTenantRequestReader.Instance.GetHost(new object()).ToString();

        act.Should().Throw<ArgumentException>();
    }
}
