using System.Net;
using Microsoft.Net.Http.Headers;

namespace Tenancy.Sso.Tests.Infrastructure;

/// <summary>A browser's part of a sign-in: follows the app's redirect to the provider and back, keeping the app's cookies.</summary>
public sealed class Browser(SsoApp app)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly HttpClient _idp = new(new HttpClientHandler { AllowAutoRedirect = false });

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>GET on the app (test server) with this browser's cookies; remembers the cookies it sets.</summary>
    public async Task<HttpResponseMessage> GetAsync(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await app.Client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var cookie in SetCookieHeaderValue.ParseList(values.ToList()))
            {
                if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow || cookie.Value.Length == 0)
                {
                    _cookies.Remove(cookie.Name.ToString());
                }
                else
                {
                    _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
                }
            }
        }

        return response;
    }

    /// <summary>Starts sign-in at a tenant host and lets the provider sign in its current user; returns the callback URL (not yet visited).</summary>
    public async Task<string> SignInAtProviderAsync(string host, string returnUrl = "/whoami")
    {
        using var start = await GetAsync($"http://{host}/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        start.StatusCode.Should().Be(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        using var authorize = await _idp.GetAsync(start.Headers.Location);
        authorize.StatusCode.Should().Be(HttpStatusCode.Redirect, await authorize.Content.ReadAsStringAsync());
        return authorize.Headers.Location!.ToString();
    }

    /// <summary>A full sign-in; returns the callback's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string host, string returnUrl = "/whoami") =>
        await GetAsync(await SignInAtProviderAsync(host, returnUrl));
}
