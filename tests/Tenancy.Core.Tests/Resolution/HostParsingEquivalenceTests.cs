using Tenancy.Core.Tests.Support;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

/// <summary>
/// The one-pass host parser (issue 15) against the parser it replaced, kept below as <see cref="PreviousParse"/>: every
/// odd host must be refused, ignored or normalised exactly as before, for several templates.
/// </summary>
public sealed class HostParsingEquivalenceTests
{
    private static readonly string[] Templates =
        ["{tenant}.example.com", "{tenant}.Example.COM", "x{tenant}.example.com", "{tenant}", "{tenant}.com", "{tenant}.a-b.example.co.uk"];

    public static TheoryData<string> OddHosts =>
    [
        "", "acme.example.com", "ACME.EXAMPLE.COM", "AcMe.ExAmPlE.cOm", "acme.example.com:8443", "acme.example.com:0",
        "acme.example.com:65535", "acme.example.com:123456", "acme.example.com:", ":8080", ":", "acme.example.com::80",
        "acme.example.com:80:80", "acme.example.com:8a", "acme.example.com.", "acme.example.com..", ".", "..", "...",
        ".acme.example.com", "acme..example.com", "acme.example..com", "acme.example.com.:443", "acme.example.com.:",
        "-acme.example.com", "acme-.example.com", "ac-me.example.com", "a.example.com", "a--b.example.com", "www.example.com",
        "WWW.example.com", "api.example.com", "admin.example.com", "administrator.example.com", "tenants.example.com",
        "example.com", "EXAMPLE.COM", ".example.com", "x.example.com", "xacme.example.com", "XACME.example.com",
        "x-.example.com", "xwww.example.com", "acme.example.com.evil.net", "evil.net.example.com", "a.b.example.com",
        "shop.acme.com", "acme.com", "acme.com:443", "acme", "ACME", "acme.", "localhost", "localhost:5000",
        "127.0.0.1", "127.0.0.1:5000", "1.2.3.4.5", "1.2.3", "999.999.999.999", "1e.2.3.4", "[::1]", "[::1]:5000",
        "[acme.example.com]", "::1", "ácme.example.com", "acme.exämple.com", "bücher.example.com", "xn--bcher-kva.example.com",
        "XN--BCHER-KVA.example.com", "xn--.example.com", "acme%2eexample.com", "acme%2Eexample.com", "%61cme.example.com",
        "acme.example.com/evil", "acme.example.com\\evil", "acme.example.com?x", "acme.example.com#x", "user@acme.example.com",
        "ac me.example.com", " acme.example.com", "acme.example.com ", "acme\r\n.example.com", "acme\0.example.com",
        "acme\t.example.com", "acme_x.example.com", "acme.example_x.com", "ac*me.example.com", "\u0130.example.com",
        "\u212A.example.com", "acme.example.com\uFF0E", "acme\u3002example.com", new string('a', 63) + ".example.com",
        new string('a', 64) + ".example.com", "acme." + new string('b', 63) + ".com", "acme." + new string('b', 64) + ".com",
        string.Join('.', Enumerable.Repeat("abcdefghi", 25)) + ".example.com",
        string.Join('.', Enumerable.Repeat("abcdefghi", 26)), string.Join('.', Enumerable.Repeat("abcdefghi", 25)) + ".abc",
        string.Join('.', Enumerable.Repeat("abcdefghi", 25)) + ".abcd", string.Join('.', Enumerable.Repeat("abcdefghi", 25)) + ".abc.",
        string.Join('.', Enumerable.Repeat("abcdefghi", 25)) + ".abc.:443", new string('a', 300), new string('a', 1_000_000),
        "com", "a.com", "a", "-", "a-", "-a", "0", "0.example.com", "9acme.example.com", "acme9.example.com",
    ];

    [Theory]
    [MemberData(nameof(OddHosts))]
    public void Odd_hosts_are_refused_ignored_or_normalised_exactly_as_before(string host)
    {
        foreach (var template in Templates)
        {
            foreach (var customDomains in new[] { true, false })
            {
                Parse(template, customDomains, host).Should().Be(PreviousParse(template, customDomains, host), $"template {template}, custom domains {customDomains}");
            }
        }
    }

    [Fact]
    public void Random_hosts_are_parsed_exactly_as_before()
    {
        // Hosts built from the characters that matter to the parser, so that most are near-valid.
        const string alphabet = "aZ9-.:.-x[]%_ é";
        var random = new Random(1515);
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var host = new string(chars) + (random.Next(3) == 0 ? ".example.com" : string.Empty);
            foreach (var template in Templates)
            {
                Parse(template, true, host).Should().Be(PreviousParse(template, true, host), $"host '{host}', template {template}");
            }
        }
    }

    private static (bool HasValue, bool Malformed, TenantKeyKind Kind, string Value, TenantCandidateMode Mode, bool Validated) Parse(string template, bool customDomains, string host)
    {
        var c = new HostTenantStrategy(template, customDomains).GetCandidate(Tenants.Request(host: host));
        return (c.HasValue, c.IsMalformed, c.Kind, c.Value.ToString(), c.Mode, c.IsValidated);
    }

    /// <summary>HostTenantStrategy.GetCandidate before issue 15 (commit 161b649), verbatim apart from the result type.</summary>
    private static (bool HasValue, bool Malformed, TenantKeyKind Kind, string Value, TenantCandidateMode Mode, bool Validated) PreviousParse(string template, bool customDomains, string hostText)
    {
        var none = (false, false, TenantKeyKind.Identifier, string.Empty, TenantCandidateMode.Required, false);
        var malformed = (true, true, TenantKeyKind.Identifier, string.Empty, TenantCandidateMode.Required, false);
        var at = template.IndexOf("{tenant}", StringComparison.OrdinalIgnoreCase);
        var prefix = template[..at].ToLowerInvariant();
        var suffix = template[(at + "{tenant}".Length)..].ToLowerInvariant();
        ReadOnlySpan<char> host = hostText;
        if (host.IsEmpty)
        {
            return none;
        }

        if (host.Length > TenantDomain.MaxLength + 6)
        {
            return malformed;
        }

        if (host[0] == '[')
        {
            return none;
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            var port = host[(colon + 1)..];
            if (port.IsEmpty || port.Length > 5 || port.ContainsAnyExceptInRange('0', '9'))
            {
                return malformed;
            }

            host = host[..colon];
        }

        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (!TenantDomain.IsValid(host))
        {
            return malformed;
        }

        if (host.Length > prefix.Length + suffix.Length
            && host.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            var label = host[prefix.Length..^suffix.Length];
            if (!label.Contains('.'))
            {
                return TenantIdentifier.IsReserved(label)
                    ? none
                    : (true, false, TenantKeyKind.Identifier, label.ToString(), TenantCandidateMode.Required, true);
            }
        }

        if (!customDomains || IsIPv4(host) || host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return none;
        }

        return (true, false, TenantKeyKind.Domain, host.ToString(), TenantCandidateMode.IfKnown, true);
    }

    private static bool IsIPv4(ReadOnlySpan<char> host)
    {
        foreach (var c in host)
        {
            if (!(char.IsAsciiDigit(c) || c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}
