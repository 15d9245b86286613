using Tenancy.AspNetCore.Http;

namespace Tenancy.AspNetCore.Tests;

public sealed class PathStringPoolTests
{
    [Fact]
    public void Pooled_remainder_is_reused_and_equal_to_the_input()
    {
        var pool = new PathStringPool();

        var first = pool.Get("/orders".AsSpan());
        var second = pool.Get("/orders/x".AsSpan(0, 7));

        first.Should().Be("/orders");
        second.Should().BeSameAs(first);
    }

    [Fact]
    public void Pool_stops_growing_at_its_capacity_but_still_answers()
    {
        var pool = new PathStringPool();

        for (var i = 0; i < PathStringPool.Capacity + 500; i++)
        {
            pool.Get($"/orders/{i}".AsSpan()).Should().Be($"/orders/{i}");
        }

        pool.Count.Should().Be(PathStringPool.Capacity);
    }
}
