using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Tenancy.Security.Tests.Storage;

/// <summary>
/// Issue 7, smaller defects: object keys accepted bidi controls (U+202E), invalid percent-encoded UTF-8 (%ED%A0%80)
/// and fullwidth look-alikes of '/' and '.', so a key could display as another key or path (spoofing) or be folded into
/// a real separator by another system. All are refused with 400 on both backends, and nothing is stored.
/// </summary>
public abstract class KeySpoofingAttackTests : StorageAttackTestBase
{
    public static TheoryData<string, string> SpoofedKeys => new()
    {
        { "invoice\u202Efdp.exe", "InvisibleCharacter" },          // right-to-left override: shows "invoiceexe.pdf"
        { "report\u202A.txt", "InvisibleCharacter" },
        { "a\u2066b\u2069.txt", "InvisibleCharacter" },              // isolates
        { "a\u200Eb.txt", "InvisibleCharacter" },                    // left-to-right mark
        { "a\u200Fb.txt", "InvisibleCharacter" },
        { "a\u061Cb.txt", "InvisibleCharacter" },                    // Arabic letter mark
        { "pay\u200Bpal/logo.png", "InvisibleCharacter" },           // zero-width space
        { "\uFEFFreadme.txt", "InvisibleCharacter" },
        { "a\u00ADb.txt", "InvisibleCharacter" },                    // soft hyphen
        { "line\u2028break.txt", "InvisibleCharacter" },
        { "tag\U000E0041.txt", "InvisibleCharacter" },               // tag character (outside the BMP)
        { "a\uFF0F..\uFF0Ft-globex\uFF0Fsecret.txt", "LookAlikeCharacter" }, // fullwidth solidus
        { "\uFF0E\uFF0E/secret.txt", "LookAlikeCharacter" },         // fullwidth full stop
        { "a\uFF3Cb.txt", "LookAlikeCharacter" },                    // fullwidth reverse solidus
        { "a\u2215b.txt", "LookAlikeCharacter" },                    // division slash
        { "a\u2044b.txt", "LookAlikeCharacter" },                    // fraction slash
        { "a\u29F8b.txt", "LookAlikeCharacter" },                    // big solidus
        { "a\u2024txt", "LookAlikeCharacter" },                      // one dot leader
        { "a\u3002txt", "LookAlikeCharacter" },                      // ideographic full stop
        { "a\uFE52txt", "LookAlikeCharacter" },                      // small full stop
        { "a\u2488txt", "LookAlikeCharacter" },                      // "1." as one character
        { "a\U0001F100txt", "LookAlikeCharacter" },                  // "0." as one character
        { "%ED%A0%80.txt", "InvalidPercentEncoding" },               // an encoded surrogate
        { "a%80b.txt", "InvalidPercentEncoding" },                   // a lone continuation byte
        { "a%E2%80.txt", "InvalidPercentEncoding" },                 // truncated
        { "a%E0%80%AE.txt", "InvalidPercentEncoding" },              // overlong '.'
        { "a%F0%80%80%AF.txt", "InvalidPercentEncoding" },           // overlong '/'
        { "a%F4%90%80%80.txt", "InvalidPercentEncoding" },           // above U+10FFFF
        { "a%FF.txt", "InvalidPercentEncoding" },
        { "a%E2%80%AEb.txt", "InvalidPercentEncoding" },             // an encoded right-to-left override
        { "a%EF%BC%8Fb.txt", "InvalidPercentEncoding" },             // an encoded fullwidth solidus
    };

    [Theory]
    [MemberData(nameof(SpoofedKeys))]
    public async Task A_spoofing_key_is_refused_with_400_and_nothing_is_stored(string key, string rule)
    {
        var escaped = Escape(key);
        using (var put = await Host.SendAsync(HttpMethod.Put, "/files/" + escaped, StorageHost.Acme, "spoof"))
        {
            put.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var problem = await put.Content.ReadFromJsonAsync<ProblemDetails>();
            problem!.Extensions["rule"]!.ToString().Should().Be(rule);
        }

        using (var presign = await Host.SendAsync(HttpMethod.Post, "/files-presign/" + escaped + "?method=PUT", StorageHost.Acme))
        {
            presign.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        using (var list = await Host.SendAsync(HttpMethod.Get, "/files?prefix=" + escaped, StorageHost.Acme))
        {
            list.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await Host.PhysicalKeysAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Berichte/Übersicht-März.pdf")]
    [InlineData("文件/報告。.pdf.txt", false)]
    [InlineData("fotos/😀 party.jpg")]
    [InlineData("caf%C3%A9.txt")]
    [InlineData("tax/½ year.pdf")]
    public async Task Ordinary_international_keys_still_work(string key, bool accepted = true)
    {
        var status = await PutAsync(Escape(key), StorageHost.Acme, "ok");
        status.Should().Be(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest);
        if (accepted)
        {
            (await GetAsync(Escape(key), StorageHost.Acme)).Body.Should().Be("ok");
        }
    }

    private static string Escape(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    public sealed class OnLocalDisk : KeySpoofingAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.LocalDisk;
    }

    public sealed class OnS3 : KeySpoofingAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.S3;
    }
}
