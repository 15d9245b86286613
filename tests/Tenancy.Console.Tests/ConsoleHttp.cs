using System.Text.RegularExpressions;

namespace Tenancy.Console.Tests;

/// <summary>The console through plain HTTP: the antiforgery field of a page, form posts, password sign-in.</summary>
public static partial class ConsoleHttp
{
    /// <summary>Reads the antiforgery field of the page at <paramref name="url"/> (its cookie lands in the client's jar).</summary>
    public static async Task<string> CsrfAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url));
        var html = await response.Content.ReadAsStringAsync();
        var match = CsrfField().Match(html);
        match.Success.Should().BeTrue($"{url} answered {(int)response.StatusCode} with a form");
        return match.Groups[1].Value;
    }

    /// <summary>Posts a form with the antiforgery field of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var csrf = await CsrfAsync(client, formPage);
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__csrf", csrf)));
        return await client.PostAsync(new Uri(action), content);
    }

    /// <summary>Signs in with a password at <paramref name="baseUrl"/> (root host or a tenant subdomain).</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string baseUrl, (string Email, string Password) user) =>
        PostFormAsync(client, baseUrl + "/admin/signin", baseUrl + "/admin/signin", ("email", user.Email), ("password", user.Password));

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
