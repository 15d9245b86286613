using Tenancy.Core.Tests.Support;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

public sealed class PathTenantStrategyTests
{
    private readonly PathTenantStrategy _strategy = new();

    [Theory]
    [InlineData("/acme", "acme")]
    [InlineData("/acme/", "acme")]
    [InlineData("/acme/orders/42", "acme")]
    public void The_first_segment_is_the_candidate(string path, string expected) =>
        _strategy.GetCandidate(Tenants.Request(path: path)).Value.ToString().Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("//acme")]
    [InlineData("acme")]
    public void Paths_without_a_first_segment_give_no_candidate(string path) =>
        _strategy.GetCandidate(Tenants.Request(path: path)).HasValue.Should().BeFalse();

    [Fact]
    public void A_huge_first_segment_is_malformed() =>
        _strategy.GetCandidate(Tenants.Request(path: "/" + new string('a', 100_000))).IsMalformed.Should().BeTrue();

    [Fact]
    public void A_dot_dot_first_segment_is_malformed() =>
        _strategy.GetCandidate(Tenants.Request(path: "/../acme")).IsMalformed.Should().BeTrue();

    [Theory]
    [InlineData("/acme/../globex")]
    [InlineData("/acme/./orders")]
    [InlineData("/acme/..")]
    [InlineData("/acme/.")]
    public void A_path_with_dot_segments_is_malformed_rather_than_normalised(string path) =>
        _strategy.GetCandidate(Tenants.Request(path: path)).IsMalformed.Should().BeTrue();

    [Theory]
    [InlineData("/acme/.well-known/x")]
    [InlineData("/acme/file.txt")]
    [InlineData("/acme/...")]
    public void Dots_inside_segment_names_are_fine(string path) =>
        _strategy.GetCandidate(Tenants.Request(path: path)).IsMalformed.Should().BeFalse();
}
