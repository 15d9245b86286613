using System.Threading.Channels;
using Tenancy.Core.Tests.Support;

namespace Tenancy.Core.Tests.Context;

public sealed class AmbientCurrentTenantTests
{
    private readonly ICurrentTenant _current = AmbientCurrentTenant.Instance;

    [Fact]
    public void No_tenant_is_set_outside_a_scope_and_requiring_one_throws()
    {
        _current.IsSet.Should().BeFalse();
        _current.Tenant.Should().BeNull();
        _current.Id.Should().BeNull();
        var act = () => _current.GetRequiredTenant();
        act.Should().Throw<TenantNotResolvedException>();
    }

    [Fact]
    public void A_scope_sets_the_tenant_and_disposing_it_restores_none()
    {
        using (_current.Begin(Tenants.Acme))
        {
            _current.Tenant.Should().BeSameAs(Tenants.Acme);
            _current.Id.Should().Be("t-acme");
            _current.GetRequiredTenant().Should().BeSameAs(Tenants.Acme);
        }

        _current.IsSet.Should().BeFalse();
    }

    [Fact]
    public void Nested_scopes_restore_the_outer_tenant_on_dispose()
    {
        using (_current.Begin(Tenants.Acme))
        {
            using (_current.Begin(Tenants.Globex))
            {
                _current.Tenant.Should().BeSameAs(Tenants.Globex);
                using (_current.Begin(null))
                {
                    _current.IsSet.Should().BeFalse();
                }

                _current.Tenant.Should().BeSameAs(Tenants.Globex);
            }

            _current.Tenant.Should().BeSameAs(Tenants.Acme);
        }

        _current.IsSet.Should().BeFalse();
    }

    [Fact]
    public void Disposing_a_scope_twice_does_not_end_the_enclosing_scope()
    {
        using (_current.Begin(Tenants.Acme))
        {
            var inner = _current.Begin(Tenants.Globex);
            inner.Dispose();
            inner.Dispose();
            _current.Tenant.Should().BeSameAs(Tenants.Acme);
        }
    }

    [Fact]
    public void Disposing_a_default_scope_does_nothing()
    {
        using (_current.Begin(Tenants.Acme))
        {
            default(TenantScope).Dispose();
            _current.Tenant.Should().BeSameAs(Tenants.Acme);
        }
    }

    [Fact]
    public async Task The_tenant_flows_across_await()
    {
        using (_current.Begin(Tenants.Acme))
        {
            await Task.Yield();
            await Task.Delay(1);
            _current.Tenant.Should().BeSameAs(Tenants.Acme);
        }
    }

    [Fact]
    public async Task The_tenant_flows_into_Task_Run_and_a_scope_inside_does_not_leak_out()
    {
        using (_current.Begin(Tenants.Acme))
        {
            var seen = await Task.Run(() =>
            {
                var before = _current.Tenant;
                var scope = _current.Begin(Tenants.Globex);
                _ = scope; // Deliberately not disposed: the change must stay inside this flow.
                return before;
            });

            seen.Should().BeSameAs(Tenants.Acme);
            _current.Tenant.Should().BeSameAs(Tenants.Acme);
        }
    }

    [Fact]
    public void A_snapshot_restores_the_tenant_on_a_worker_thread_that_had_none()
    {
        TenantContextSnapshot snapshot;
        using (_current.Begin(Tenants.Acme))
        {
            snapshot = _current.Capture();
        }

        TenantInfo? inWorker = null;
        TenantInfo? afterWorker = Tenants.Globex;
        var thread = new Thread(() =>
        {
            using (snapshot.Restore())
            {
                inWorker = _current.Tenant;
            }

            afterWorker = _current.Tenant;
        });
        ExecutionContext.SuppressFlow();
        try
        {
            thread.Start();
        }
        finally
        {
            ExecutionContext.RestoreFlow();
        }

        thread.Join();
        inWorker.Should().BeSameAs(Tenants.Acme);
        afterWorker.Should().BeNull();
    }

    [Fact]
    public async Task A_channel_based_background_queue_runs_each_item_as_its_tenant()
    {
        var channel = Channel.CreateUnbounded<(TenantContextSnapshot Snapshot, string Expected)>();
        var seen = new List<(string? Actual, string Expected)>();

        // The worker starts with flow suppressed, like a hosted service started outside any request.
        Task worker;
        using (ExecutionContext.SuppressFlow())
        {
            worker = Task.Run(async () =>
            {
                await foreach (var (snapshot, expected) in channel.Reader.ReadAllAsync())
                {
                    await snapshot.RunAsync(_ =>
                    {
                        seen.Add((_current.Id, expected));
                        return Task.CompletedTask;
                    });
                    seen.Add((_current.Id, "none"));
                }
            });
        }

        foreach (var tenant in new[] { Tenants.Acme, Tenants.Globex, Tenants.Acme })
        {
            using (_current.Begin(tenant))
            {
                await channel.Writer.WriteAsync((_current.Capture(), tenant.Id));
            }
        }

        channel.Writer.Complete();
        await worker;

        seen.Should().Equal(
            ("t-acme", "t-acme"), (null, "none"),
            ("t-globex", "t-globex"), (null, "none"),
            ("t-acme", "t-acme"), (null, "none"));
    }

    [Fact]
    public async Task Many_parallel_flows_for_different_tenants_never_see_each_others_tenant()
    {
        var tenants = Enumerable.Range(0, 50).Select(Tenants.Numbered).ToArray();
        var mismatches = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var tenant = tenants[i % tenants.Length];
            using (_current.Begin(tenant))
            {
                for (var step = 0; step < 3; step++)
                {
                    await Task.Yield();
                    if (!ReferenceEquals(_current.Tenant, tenant))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }

                var other = tenants[(i + 1) % tenants.Length];
                using (_current.Begin(other))
                {
                    await Task.Yield();
                    if (!ReferenceEquals(_current.Tenant, other))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }

                if (!ReferenceEquals(_current.Tenant, tenant))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        mismatches.Should().Be(0);
        _current.IsSet.Should().BeFalse();
    }

    [Fact]
    public async Task A_snapshot_of_the_host_context_runs_work_with_no_tenant_even_inside_a_tenant_scope()
    {
        var hostSnapshot = _current.Capture();
        using (_current.Begin(Tenants.Acme))
        {
            string? seen = "unset";
            await hostSnapshot.RunAsync(_ =>
            {
                seen = _current.Id;
                return Task.CompletedTask;
            });

            seen.Should().BeNull();
            _current.Tenant.Should().BeSameAs(Tenants.Acme);
        }
    }

    [Fact]
    public void A_copy_made_with_with_is_its_own_tenant_in_a_scope()
    {
        using (_current.Begin(Tenants.Acme))
        {
        }

        var suspended = Tenants.Acme with { Status = TenantStatus.Suspended };
        using (_current.Begin(suspended))
        {
            _current.Tenant.Should().BeSameAs(suspended);
        }
    }

    [Fact]
    public void A_scope_disposed_twice_does_not_end_a_newer_scope_of_the_same_tenant()
    {
        var first = _current.Begin(Tenants.Acme);
        first.Dispose();
        using (_current.Begin(Tenants.Acme))
        {
            first.Dispose();
            _current.Tenant.Should().BeSameAs(Tenants.Acme);
        }

        _current.IsSet.Should().BeFalse();
    }

    [Fact]
    public void An_outer_scope_disposed_before_its_inner_scope_leaves_the_inner_tenant_current_until_it_ends()
    {
        var outer = _current.Begin(Tenants.Acme);
        var inner = _current.Begin(Tenants.Globex);
        outer.Dispose();
        _current.Tenant.Should().BeSameAs(Tenants.Globex);
        inner.Dispose();
        _current.IsSet.Should().BeFalse();
    }
}
