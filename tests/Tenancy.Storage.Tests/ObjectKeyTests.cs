using System.Text;

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
        act.Should().Throw<InvalidTenantIdentifierException>();
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
}
