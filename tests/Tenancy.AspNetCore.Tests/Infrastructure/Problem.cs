using System.Net;
using System.Text.Json;

namespace Tenancy.AspNetCore.Tests.Infrastructure;

/// <summary>Reads an RFC 9457 problem body and checks it.</summary>
public static class Problem
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("status").GetInt32().Should().Be((int)status);
        json.GetProperty("type").GetString().Should().Be(type);
        json.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        json.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        return json;
    }
}
