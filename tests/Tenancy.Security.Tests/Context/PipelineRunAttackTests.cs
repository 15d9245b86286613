namespace Tenancy.Security.Tests.Context;

/// <summary>
/// Attacks on <see cref="AmbientCurrentTenant.RunAsync{TState}"/>, the request middleware's way of making a tenant
/// current: it shares one frame per tenant between flows, so no scope, stale or not, and no other flow may end or
/// change the tenant it set, and nothing it set may outlive it in the caller's flow.
/// </summary>
public sealed class PipelineRunAttackTests
{
    private static readonly TenantInfo Acme = new("t-acme", "acme", "Acme");
    private static readonly TenantInfo Globex = new("t-globex", "globex", "Globex");

    private readonly AmbientCurrentTenant _current = AmbientCurrentTenant.Instance;

    [Fact]
    public async Task A_scope_left_open_inside_a_run_ends_with_the_run()
    {
        await _current.RunAsync(Acme, static current =>
        {
            current.Begin(Globex); // Never disposed.
            return Task.CompletedTask;
        }, _current);

        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task A_run_that_throws_restores_the_host_context()
    {
        var run = () => _current.RunAsync<object?>(Acme, static _ => throw new InvalidOperationException("boom"), null);

        await run.Should().ThrowAsync<InvalidOperationException>();
        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task A_stale_scope_from_an_earlier_run_cannot_end_a_later_run_of_the_same_tenant()
    {
        var stale = default(TenantScope);
        await _current.RunAsync(Acme, _ =>
        {
            stale = _current.Begin(Acme);
            stale.Dispose();
            return Task.CompletedTask;
        }, 0);

        await _current.RunAsync(Acme, _ =>
        {
            stale.Dispose();
            stale.Dispose();
            _current.Tenant.Should().BeSameAs(Acme);
            return Task.CompletedTask;
        }, 0);
    }

    [Fact]
    public async Task A_scope_begun_in_the_host_context_and_disposed_inside_a_run_ends_nothing()
    {
        var outside = _current.Begin(Acme);
        var task = Task.Run(() => _current.RunAsync(Acme, _ =>
        {
            outside.Dispose(); // Not on this flow's stack.
            _current.Tenant.Should().BeSameAs(Acme);
            return Task.CompletedTask;
        }, 0));
        await task;

        _current.Tenant.Should().BeSameAs(Acme, "the scope belongs to this flow and is still open");
        outside.Dispose();
        _current.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task Nested_scopes_disposed_out_of_order_inside_a_run_never_end_the_run_tenant_for_another_run()
    {
        var release = new TaskCompletionSource();
        var other = _current.RunAsync(Acme, async _ =>
        {
            await release.Task;
            _current.Tenant.Should().BeSameAs(Acme);
        }, 0);

        await _current.RunAsync(Acme, _ =>
        {
            var outer = _current.Begin(Globex);
            var inner = _current.Begin(Acme);
            outer.Dispose();
            inner.Dispose();
            _current.Tenant.Should().BeSameAs(Acme, "both scopes begun inside the run ended; the run's tenant is back");
            return Task.CompletedTask;
        }, 0);

        release.SetResult();
        await other;
    }

    [Fact]
    public async Task Work_started_inside_a_run_keeps_its_tenant_after_the_run_returned()
    {
        var release = new TaskCompletionSource();
        Task<TenantInfo?> background = null!;
        await _current.RunAsync(Acme, _ =>
        {
            background = Task.Run(async () =>
            {
                await release.Task;
                return _current.Tenant;
            });
            return Task.CompletedTask;
        }, 0);

        _current.Tenant.Should().BeNull();
        await _current.RunAsync(Globex, _ =>
        {
            release.SetResult();
            return Task.CompletedTask;
        }, 0);
        (await background).Should().BeSameAs(Acme);
    }

    [Fact]
    public async Task Many_concurrent_runs_that_misuse_scopes_never_see_another_flows_tenant()
    {
        var tenants = Enumerable.Range(0, 300).Select(i => new TenantInfo($"t-{i}", $"tenant{i}", $"Tenant {i}")).ToArray();
        var wrong = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 20_000), async (i, _) =>
        {
            var tenant = tenants[i % tenants.Length];
            await _current.RunAsync(tenant, async state =>
            {
                var nested = _current.Begin(tenants[(state + 1) % tenants.Length]);
                if (state % 3 == 0)
                {
                    nested.Dispose();
                    nested.Dispose();
                }

                await Task.Yield();
                if (state % 3 != 0)
                {
                    nested.Dispose();
                }

                if (!ReferenceEquals(_current.Tenant, tenants[state % tenants.Length]))
                {
                    Interlocked.Increment(ref wrong);
                }
            }, i);

            if (_current.Tenant is not null)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        wrong.Should().Be(0);
    }
}
