namespace Tenancy.Security.Tests.Context;

/// <summary>Attacks on the ambient tenant context: a scope must only ever end itself.</summary>
public sealed class ScopeDisposalAttackTests
{
    private static readonly TenantInfo Acme = new("t-acme", "acme", "Acme");
    private static readonly TenantInfo Globex = new("t-globex", "globex", "Globex");

    private readonly AmbientCurrentTenant _current = AmbientCurrentTenant.Instance;

    [Fact]
    public void Nested_scope_restores_the_outer_tenant_on_dispose()
    {
        using (_current.Begin(Acme))
        {
            using (_current.Begin(Globex))
            {
                _current.Tenant!.Id.Should().Be("t-globex");
            }

            _current.Tenant!.Id.Should().Be("t-acme");
        }

        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public void Stale_scope_disposed_again_does_not_end_a_newer_scope_of_the_same_tenant()
    {
        var s1 = _current.Begin(Acme);
        s1.Dispose();
        var s2 = _current.Begin(Acme);

        s1.Dispose();

        _current.Tenant.Should().BeSameAs(Acme, "s2 is still open");
        s2.Dispose();
        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public void Stale_nested_scope_disposed_again_does_not_end_a_newer_nested_scope()
    {
        using (_current.Begin(Globex))
        {
            var s1 = _current.Begin(Acme);
            s1.Dispose();
            var s2 = _current.Begin(Acme);

            s1.Dispose();
            s1.Dispose();

            _current.Tenant.Should().BeSameAs(Acme);
            s2.Dispose();
            _current.Tenant.Should().BeSameAs(Globex);
        }

        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public void Copy_of_a_disposed_scope_does_not_end_a_newer_scope()
    {
        var s1 = _current.Begin(Acme);
        var copy = s1;
        s1.Dispose();
        var s2 = _current.Begin(Globex);

        copy.Dispose();

        _current.Tenant.Should().BeSameAs(Globex);
        s2.Dispose();
        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public void Outer_scope_disposed_out_of_order_does_not_end_the_inner_scope_and_is_not_restored_later()
    {
        var outer = _current.Begin(Acme);
        var inner = _current.Begin(Globex);

        outer.Dispose();

        _current.Tenant.Should().BeSameAs(Globex, "the inner scope is still open");
        outer.Dispose();
        _current.Tenant.Should().BeSameAs(Globex);

        inner.Dispose();
        _current.Tenant.Should().BeNull("the outer scope already ended, so its tenant does not come back");
    }

    [Fact]
    public void Middle_scope_disposed_out_of_order_is_skipped_when_the_inner_scope_ends()
    {
        using (_current.Begin(Acme))
        {
            var middle = _current.Begin(Globex);
            var inner = _current.Begin(Acme);

            middle.Dispose();
            _current.Tenant.Should().BeSameAs(Acme);

            inner.Dispose();
            _current.Tenant.Should().BeSameAs(Acme, "the outermost scope is still open");
            _current.Capture().Tenant.Should().BeSameAs(Acme);
        }

        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public void Default_scope_disposed_ends_nothing()
    {
        using (_current.Begin(Acme))
        {
            default(TenantScope).Dispose();
            _current.Tenant.Should().BeSameAs(Acme);
        }
    }

    [Fact]
    public void Host_scope_begun_in_the_host_context_ends_nothing_when_disposed_inside_a_tenant_scope()
    {
        var host = _current.Begin(null);
        using (_current.Begin(Acme))
        {
            host.Dispose();
            _current.Tenant.Should().BeSameAs(Acme);
        }
    }

    [Fact]
    public async Task Scope_disposed_from_another_flow_does_not_end_the_scope_of_this_flow()
    {
        var s1 = _current.Begin(Acme);

        await Task.Run(() => s1.Dispose());

        _current.Tenant.Should().BeSameAs(Acme, "another flow cannot end this flow's scope");
        s1.Dispose();
        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task Scope_of_another_flow_disposed_here_does_not_end_this_flows_scope()
    {
        TenantScope foreign = default;
        await Task.Run(() => foreign = _current.Begin(Globex));

        using (_current.Begin(Acme))
        {
            foreign.Dispose();
            _current.Tenant.Should().BeSameAs(Acme);
        }

        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task Many_flows_that_dispose_twice_and_out_of_order_never_see_another_flows_tenant()
    {
        var tenants = Enumerable.Range(0, 20).Select(i => new TenantInfo($"t-{i}", $"tenant{i}", $"Tenant {i}")).ToArray();
        var wrong = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var tenant = tenants[i % tenants.Length];
            var s1 = _current.Begin(tenant);
            await Task.Yield();
            s1.Dispose();
            var s2 = _current.Begin(tenant);
            s1.Dispose();
            await Task.Yield();
            if (!ReferenceEquals(_current.Tenant, tenant))
            {
                Interlocked.Increment(ref wrong);
            }

            s2.Dispose();
            s2.Dispose();
            if (_current.Tenant is not null)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        wrong.Should().Be(0);
    }
}
