using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tenancy.Storage.Serving;

namespace Tenancy.Storage.Tests;

public sealed class ObjectServingPolicyTests
{
    [Theory]
    [InlineData("image/png", "image/png", true)]
    [InlineData("IMAGE/JPEG", "image/jpeg", true)]
    [InlineData("image/webp; q=1", "image/webp", true)]
    [InlineData("text/plain", "text/plain; charset=utf-8", true)]
    [InlineData("text/plain; charset=\"ISO-8859-1\"", "text/plain; charset=iso-8859-1", true)]
    [InlineData("text/plain; charset=utf-7", "text/plain; charset=utf-8", true)]
    [InlineData("application/pdf", "application/pdf", false)]
    [InlineData("application/json", "application/json", false)]
    [InlineData("text/csv", "text/csv; charset=utf-8", false)]
    [InlineData("text/html", "application/octet-stream", false)]
    [InlineData("image/svg+xml", "application/octet-stream", false)]
    [InlineData("application/xhtml+xml", "application/octet-stream", false)]
    [InlineData("text/xml", "application/octet-stream", false)]
    [InlineData("application/rss+xml", "application/octet-stream", false)]
    [InlineData("text/javascript", "application/octet-stream", false)]
    [InlineData("application/ecmascript", "application/octet-stream", false)]
    [InlineData("text/css", "application/octet-stream", false)]
    [InlineData("application/wasm", "application/octet-stream", false)]
    [InlineData("multipart/x-mixed-replace", "application/octet-stream", false)]
    [InlineData("application/x-unknown", "application/octet-stream", false)]
    [InlineData("", "application/octet-stream", false)]
    [InlineData(null, "application/octet-stream", false)]
    [InlineData("not a type", "application/octet-stream", false)]
    public void Only_allow_listed_inert_types_render_and_active_types_are_never_labelled(string? declared, string served, bool inline)
    {
        var headers = ObjectServingPolicy.Default.Decide("files/x", declared);
        headers.ContentType.Should().Be(served);
        headers.IsInline.Should().Be(inline);
        headers.ContentDisposition.Should().StartWith(inline ? "inline;" : "attachment;");
        headers.Headers.Should().Contain(new KeyValuePair<string, string>("X-Content-Type-Options", "nosniff"))
            .And.Contain(new KeyValuePair<string, string>("Content-Security-Policy", "sandbox; default-src 'none'"));
    }

    [Theory]
    [InlineData("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf")]
    [InlineData("März Übersicht.pdf", "attachment; filename=\"M_rz _bersicht.pdf\"; filename*=UTF-8''M%C3%A4rz%20%C3%9Cbersicht.pdf")]
    [InlineData("a\"b\\c%d;e.pdf", "attachment; filename=\"a_b_c_d;e.pdf\"; filename*=UTF-8''a%22b%5Cc%25d%3Be.pdf")]
    public void The_file_name_is_the_last_segment_quoted_and_percent_encoded(string name, string disposition) =>
        ObjectServingPolicy.Default.Decide("deep/folder/" + name, "application/x-whatever").ContentDisposition.Should().Be(disposition);

    [Fact]
    public void Configured_types_extend_the_lists_but_active_types_fail_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddTenancy(t => t.WithInMemoryStore(StoreFixture.Acme)).AddTenancyStorage(s => s.UseLocalDisk("/tmp/unused")
            .ConfigureServing(o =>
            {
                o.InlineContentTypes.Add("application/pdf");
                o.InlineContentTypes.Add("text/html");
                o.DownloadContentTypes.Add("image/svg+xml");
                o.DownloadContentTypes.Add("text/plain; charset=utf-8");
            }));
        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<ObjectServingOptions>>().Value;
        var failure = act.Should().Throw<OptionsValidationException>().Which;
        failure.Failures.Should().HaveCount(3);
        failure.Message.Should().Contain("InlineContentTypes: 'text/html'").And.Contain("DownloadContentTypes: 'image/svg+xml'").And.Contain("'text/plain; charset=utf-8' is not a media type");

        var pdfInline = new ObjectServingPolicy(Options.Create(new ObjectServingOptions { InlineContentTypes = { "application/pdf" } }));
        pdfInline.Decide("a.pdf", "application/pdf").IsInline.Should().BeTrue();
    }
}
