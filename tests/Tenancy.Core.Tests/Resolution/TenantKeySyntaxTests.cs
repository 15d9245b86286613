using Tenancy.Resolution;

namespace Tenancy.Core.Tests.Resolution;

/// <summary>The resolver's vectorised syntax checks (issue 15) agree with the public rules they replace on the hot path.</summary>
public sealed class TenantKeySyntaxTests
{
    public static TheoryData<string> OddKeys =>
    [
        "", "a", "A", "acme", "ACME", "AcMe", "ac-me", "-acme", "acme-", "-", "--", "a--b", "acme_1", "acme.com", "acme..com",
        ".acme", "acme.", "ac me", " acme", "acme ", "ácme", "bücher", "xn--bcher-kva", "acme%2e", "%61cme", "acme\0", "acme\r\n",
        "acme/x", "acme\\x", "..", ".", "t-0000001", "T_0000001", "t-0000001\u0130", "\u212A", "www", "WWW", "Admin", "administrator",
        "tenants", "tenant", "apps", "login", "scim", new string('a', 63), new string('a', 64), new string('a', 65), new string('a', 253),
        new string('a', 254), string.Join('.', Enumerable.Repeat(new string('b', 63), 3)), string.Join('.', Enumerable.Repeat(new string('b', 64), 2)),
        "a-.b", "a.-b", "a.b-", "0.0.0.0", "1e3", "a:b", "a@b", "\uFF41cme",
    ];

    [Theory]
    [MemberData(nameof(OddKeys))]
    public void Domain_and_reserved_word_checks_agree_with_the_public_rules(string key)
    {
        TenantKeySyntax.IsDomain(key).Should().Be(TenantDomain.IsValid(key));
        TenantKeySyntax.BuiltInReserved.Contains(key).Should().Be(TenantIdentifier.IsReserved(key));
    }

    [Fact]
    public void Configured_reserved_words_match_in_any_case_and_only_whole_words()
    {
        var words = new TenantKeySyntax.ReservedWords(["blog", "Shop", new string('l', 80)]);
        words.IsEmpty.Should().BeFalse();
        words.Contains("BLOG").Should().BeTrue();
        words.Contains("shop").Should().BeTrue();
        words.Contains(new string('L', 80)).Should().BeTrue();
        words.Contains("blogs").Should().BeFalse();
        words.Contains("blo").Should().BeFalse();
        words.Contains(new string('l', 79)).Should().BeFalse();
        words.Contains(string.Empty).Should().BeFalse();
        new TenantKeySyntax.ReservedWords([]).IsEmpty.Should().BeTrue();
    }
}
