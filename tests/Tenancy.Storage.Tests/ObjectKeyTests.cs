using System.Text;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Tests;

public sealed class ObjectKeyTests
{
    public static TheoryData<string, ObjectKeyError> BadKeys => new()
    {
        { "", ObjectKeyError.Empty },
        { "/etc/passwd", ObjectKeyError.LeadingSlash },
        { "a/", ObjectKeyError.TrailingSlash },
        { "a//b", ObjectKeyError.EmptySegment },
        { "..", ObjectKeyError.DotSegment },
        { ".", ObjectKeyError.DotSegment },
        { "../globex/secret.txt", ObjectKeyError.DotSegment },
        { "a/../../globex/secret.txt", ObjectKeyError.DotSegment },
        { "a/./b", ObjectKeyError.DotSegment },
        { "a/..", ObjectKeyError.DotSegment },
        { "a\\..\\b", ObjectKeyError.Backslash },
        { "a\\b", ObjectKeyError.Backslash },
        { "a\0b", ObjectKeyError.ControlCharacter },
        { "a\nb", ObjectKeyError.ControlCharacter },
        { "a\u007Fb", ObjectKeyError.ControlCharacter },
        { "a\u0085b", ObjectKeyError.ControlCharacter },
        { "%2e%2e/globex/secret.txt", ObjectKeyError.EncodedTraversal },
        { "%2E%2E%2Fglobex", ObjectKeyError.EncodedTraversal },
        { "..%2fglobex", ObjectKeyError.EncodedTraversal },
        { "a%5c..%5cb", ObjectKeyError.EncodedTraversal },
        { "%252e%252e/globex", ObjectKeyError.EncodedTraversal },
        { "%c0%ae%c0%ae/globex", ObjectKeyError.EncodedTraversal },
        { "%u002e%u002e/globex", ObjectKeyError.EncodedTraversal },
        { "a%00b", ObjectKeyError.EncodedTraversal },
        { "invoice\u202Efdp.exe", ObjectKeyError.InvisibleCharacter },
        { "a\u202Ab", ObjectKeyError.InvisibleCharacter },
        { "a\u202Bb", ObjectKeyError.InvisibleCharacter },
        { "a\u202Cb", ObjectKeyError.InvisibleCharacter },
        { "a\u202Db", ObjectKeyError.InvisibleCharacter },
        { "a\u2066b", ObjectKeyError.InvisibleCharacter },
        { "a\u2067b", ObjectKeyError.InvisibleCharacter },
        { "a\u2068b", ObjectKeyError.InvisibleCharacter },
        { "a\u2069b", ObjectKeyError.InvisibleCharacter },
        { "a\u200Eb", ObjectKeyError.InvisibleCharacter },
        { "a\u200Fb", ObjectKeyError.InvisibleCharacter },
        { "a\u061Cb", ObjectKeyError.InvisibleCharacter },
        { "a\u200Bb", ObjectKeyError.InvisibleCharacter },
        { "a\u200Db", ObjectKeyError.InvisibleCharacter },
        { "a\u2060b", ObjectKeyError.InvisibleCharacter },
        { "a\uFEFFb", ObjectKeyError.InvisibleCharacter },
        { "a\u00ADb", ObjectKeyError.InvisibleCharacter },
        { "a\u2028b", ObjectKeyError.InvisibleCharacter },
        { "a\u2029b", ObjectKeyError.InvisibleCharacter },
        { "a\u3164b", ObjectKeyError.InvisibleCharacter },
        { "a\U000E0001b", ObjectKeyError.InvisibleCharacter },
        { "a\U0001D173b", ObjectKeyError.InvisibleCharacter },
        { "a\uFF0Fb", ObjectKeyError.LookAlikeCharacter },
        { "\uFF0E\uFF0E/x", ObjectKeyError.LookAlikeCharacter },
        { "a\uFF3Cb", ObjectKeyError.LookAlikeCharacter },
        { "a\u2215b", ObjectKeyError.LookAlikeCharacter },
        { "a\u2044b", ObjectKeyError.LookAlikeCharacter },
        { "a\u29F8b", ObjectKeyError.LookAlikeCharacter },
        { "a\u2216b", ObjectKeyError.LookAlikeCharacter },
        { "a\u2024b", ObjectKeyError.LookAlikeCharacter },
        { "a\u2025b", ObjectKeyError.LookAlikeCharacter },
        { "a\u3002b", ObjectKeyError.LookAlikeCharacter },
        { "a\uFF61b", ObjectKeyError.LookAlikeCharacter },
        { "a\uFE68b", ObjectKeyError.LookAlikeCharacter },
        { "a\u0338b", ObjectKeyError.LookAlikeCharacter },
        { "a\U0001F100b", ObjectKeyError.LookAlikeCharacter },
        { "%ED%A0%80", ObjectKeyError.InvalidPercentEncoding },
        { "a%80", ObjectKeyError.InvalidPercentEncoding },
        { "a%BFb", ObjectKeyError.InvalidPercentEncoding },
        { "a%C3", ObjectKeyError.InvalidPercentEncoding },
        { "a%C3%", ObjectKeyError.InvalidPercentEncoding },
        { "a%C3x", ObjectKeyError.InvalidPercentEncoding },
        { "a%E2%80", ObjectKeyError.InvalidPercentEncoding },
        { "a%E0%80%AE", ObjectKeyError.InvalidPercentEncoding },
        { "a%F0%80%80%AF", ObjectKeyError.InvalidPercentEncoding },
        { "a%F4%90%80%80", ObjectKeyError.InvalidPercentEncoding },
        { "a%F5%80%80%80", ObjectKeyError.InvalidPercentEncoding },
        { "a%FF", ObjectKeyError.InvalidPercentEncoding },
        { "a%C2%85", ObjectKeyError.InvalidPercentEncoding },
        { "a%E2%80%AE", ObjectKeyError.InvalidPercentEncoding },
        { "a%EF%BC%8F", ObjectKeyError.InvalidPercentEncoding },
        { "a%u202E", ObjectKeyError.InvalidPercentEncoding },
        { "a%uD800", ObjectKeyError.InvalidPercentEncoding },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Bad_keys_are_rejected_with_the_rule_they_break(string key, ObjectKeyError expected)
    {
        ObjectKey.Check(key).Should().Be(expected);
        var act = () => ObjectKey.Validate(key);
        act.Should().Throw<InvalidObjectKeyException>().Which.Error.Should().Be(expected);
    }

    [Fact]
    public void Unpaired_surrogates_are_rejected()
    {
        // Built in code: test-case serialisation would replace a lone surrogate with U+FFFD.
        ObjectKey.Check("bad" + '\uD800' + "x").Should().Be(ObjectKeyError.InvalidUnicode);
        ObjectKey.Check("bad" + '\uDC00' + "x").Should().Be(ObjectKeyError.InvalidUnicode);
        ObjectKey.Check("end" + '\uD800').Should().Be(ObjectKeyError.InvalidUnicode);
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("invoices/2026/11/INV-0001.pdf")]
    [InlineData(".env")]
    [InlineData("a/..b/c..")]
    [InlineData("100% done.txt")]
    [InlineData("file%20name")]
    [InlineData("Ünïcödé/文件/😀.txt")]
    [InlineData("caf%C3%A9/%E6%96%87%E4%BB%B6%F0%9F%98%80.txt")]
    [InlineData("Rechnung ½ 2026 – Entwurf.pdf")]
    [InlineData("تقرير/مارس.pdf")]
    [InlineData("ファイル/ノート・メモ.txt")]
    [InlineData("a%41%7e.txt")]
    public void Good_keys_are_accepted_unchanged(string key) => ObjectKey.Validate(key).Should().BeSameAs(key);

    [Fact]
    public void Length_limit_counts_utf8_bytes_not_characters()
    {
        var ascii = new string('a', 1024);
        ObjectKey.Check(ascii).Should().Be(ObjectKeyError.None);
        ObjectKey.Check(ascii + "a").Should().Be(ObjectKeyError.TooLong);

        var twoByte = new string('é', 512); // 1024 bytes
        Encoding.UTF8.GetByteCount(twoByte).Should().Be(1024);
        ObjectKey.Check(twoByte).Should().Be(ObjectKeyError.None);
        ObjectKey.Check(twoByte + "é").Should().Be(ObjectKeyError.TooLong);
    }

    [Fact]
    public void Segment_limit_applies_per_segment()
    {
        var segment = new string('s', 250);
        ObjectKey.Check(segment + "/" + segment, maxSegmentUtf8Bytes: 250).Should().Be(ObjectKeyError.None);
        ObjectKey.Check(segment + "s", maxSegmentUtf8Bytes: 250).Should().Be(ObjectKeyError.SegmentTooLong);
    }

    [Theory]
    [InlineData("")]
    [InlineData("reports/")]
    [InlineData("reports/2026-")]
    public void Listing_prefixes_may_be_empty_or_end_with_a_slash(string prefix) =>
        ObjectKey.CheckPrefix(prefix).Should().Be(ObjectKeyError.None);

    [Theory]
    [InlineData("../")]
    [InlineData("/")]
    [InlineData("a//")]
    [InlineData("%2e%2e/")]
    public void Listing_prefixes_follow_the_key_rules(string prefix) =>
        ObjectKey.CheckPrefix(prefix).Should().NotBe(ObjectKeyError.None);

    [Fact]
    public void Physical_keys_are_root_then_tenant_then_key()
    {
        var keyspace = new TenantKeyspace("tenants", 1024);
        keyspace.ObjectPath("acme", "a/b.txt").Should().Be("tenants/acme/a/b.txt");
        new TenantKeyspace("", 1024).ObjectPath("acme", "a.txt").Should().Be("acme/a.txt");
    }

    [Fact]
    public void The_key_limit_leaves_room_for_the_tenant_prefix()
    {
        var keyspace = new TenantKeyspace("tenants", 1024);
        var max = keyspace.MaxRelativeKeyBytes("acme");
        var path = keyspace.ObjectPath("acme", new string('k', max));
        Encoding.UTF8.GetByteCount(path).Should().Be(ObjectKey.MaxUtf8Bytes);
        var act = () => keyspace.ObjectPath("acme", new string('k', max + 1));
        act.Should().Throw<InvalidObjectKeyException>().Which.Error.Should().Be(ObjectKeyError.TooLong);
    }

    [Theory]
    [InlineData("../acme")]
    [InlineData("acme/x")]
    [InlineData("")]
    public void Malformed_tenant_ids_never_become_prefixes(string tenantId)
    {
        var keyspace = new TenantKeyspace("tenants", 1024);
        var act = () => keyspace.ObjectPath(tenantId, "a.txt");
        act.Should().Throw<InvalidTenantIdException>();
    }

    [Fact]
    public void Any_valid_key_stays_inside_its_tenant_prefix()
    {
        var keyspace = new TenantKeyspace("tenants", 1024);
        var random = new Random(42);
        const string alphabet = "ab./%\\-_~ 2eE5cCfF";
        var escapes = new List<string>();
        var valid = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(1, 12)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var key = new string(chars);
            if (!ObjectKey.IsValid(key))
            {
                continue;
            }

            valid++;
            var path = keyspace.ObjectPath("acme", key);
            var decoded = Uri.UnescapeDataString(Uri.UnescapeDataString(key));
            if (!path.StartsWith("tenants/acme/", StringComparison.Ordinal)
                || decoded.Split('/').Any(s => s is ".." or ".")
                || !Path.GetFullPath(Path.Join("/store", path)).StartsWith("/store/tenants/acme/", StringComparison.Ordinal))
            {
                escapes.Add(key);
            }
        }

        valid.Should().BeGreaterThan(1000);
        escapes.Should().BeEmpty();
    }

    [Fact]
    public void Every_character_whose_nfkc_form_introduces_a_slash_dot_or_backslash_is_refused()
    {
        var missed = new List<string>();
        for (var cp = 0x80; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var text = char.ConvertFromUtf32(cp);
            string folded;
            try
            {
                folded = text.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                continue; // a noncharacter or unassigned code point: no compatibility mapping
            }

            if (folded != text && folded.AsSpan().IndexOfAny("/.\\") >= 0 && ObjectKey.Check("a" + text + "b") == ObjectKeyError.None)
            {
                missed.Add($"U+{cp:X4}");
            }
        }

        missed.Should().BeEmpty();
    }

    [Fact]
    public void Every_format_character_is_refused()
    {
        var missed = new List<string>();
        for (var cp = 0x80; cp <= 0x10FFFF; cp++)
        {
            if (cp is < 0xD800 or > 0xDFFF && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(cp) == System.Globalization.UnicodeCategory.Format
                && ObjectKey.Check("a" + char.ConvertFromUtf32(cp) + "b") != ObjectKeyError.InvisibleCharacter)
            {
                missed.Add($"U+{cp:X4}");
            }
        }

        missed.Should().BeEmpty();
    }
}
