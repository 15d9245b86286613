using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>
/// A Stripe-compatible HTTP listener on loopback for the endpoints Tenancy.Billing calls: <c>POST /v1/billing/meter_events</c>
/// (form-encoded <c>event_name</c>, <c>identifier</c>, <c>payload[…]</c>, <c>timestamp</c>; answers a <c>billing.meter_event</c>).
/// Like Stripe it counts an identifier once; it checks the bearer key.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string ApiKey = "sk_test_tenancy";

    private readonly WebApplication _app;

    private FakeStripeServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    /// <summary>The meter events accepted (each identifier once).</summary>
    public ConcurrentDictionary<string, MeterEvent> Events { get; } = new(StringComparer.Ordinal);

    public int Requests;

    public sealed record MeterEvent(string EventName, string Identifier, string Customer, long Value, long Timestamp);

    public static async Task<FakeStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeStripeServer? self = null;
        app.MapPost("/v1/billing/meter_events", async (HttpContext context) =>
        {
            Interlocked.Increment(ref self!.Requests);
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
            {
                return Error(401, "Invalid API Key provided.");
            }

            var form = await context.Request.ReadFormAsync();
            var name = form["event_name"].ToString();
            var customer = form["payload[stripe_customer_id]"].ToString();
            if (name.Length == 0 || customer.Length == 0 || !long.TryParse(form["payload[value]"], CultureInfo.InvariantCulture, out var value))
            {
                return Error(400, "Missing required param: event_name, payload[stripe_customer_id] or payload[value].");
            }

            var identifier = form["identifier"].ToString();
            if (identifier.Length == 0)
            {
                identifier = Guid.NewGuid().ToString();
            }

            long.TryParse(form["timestamp"], CultureInfo.InvariantCulture, out var timestamp);
            var accepted = self.Events.GetOrAdd(identifier, new MeterEvent(name, identifier, customer, value, timestamp));
            return Results.Json(new Dictionary<string, object?>
            {
                ["object"] = "billing.meter_event",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["event_name"] = accepted.EventName,
                ["identifier"] = accepted.Identifier,
                ["livemode"] = false,
                ["payload"] = new Dictionary<string, string> { ["stripe_customer_id"] = accepted.Customer, ["value"] = accepted.Value.ToString(CultureInfo.InvariantCulture) },
                ["timestamp"] = accepted.Timestamp,
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeStripeServer(app, address);
        return self;
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new { error = new { type = "invalid_request_error", message } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
