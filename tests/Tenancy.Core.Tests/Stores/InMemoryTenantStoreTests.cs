using Tenancy.Core.Tests.Support;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.Core.Tests.Stores;

public sealed class InMemoryTenantStoreTests
{
    private readonly List<TenantChange> _changes = [];
    private readonly TenantChangeNotifier _notifier = new();

    public InMemoryTenantStoreTests() => _notifier.Subscribe(c =>
    {
        lock (_changes)
        {
            _changes.Add(c);
        }
    });

    private InMemoryTenantStore Create(params TenantInfo[] tenants) => new(tenants, _notifier);

    [Fact]
    public async Task Tenants_are_found_by_id_identifier_and_domain_ignoring_case_except_for_ids()
    {
        var store = Create(Tenants.Acme, Tenants.Globex);

        (await store.FindByIdAsync("t-acme")).Should().BeSameAs(Tenants.Acme);
        (await store.FindByIdAsync("T-ACME")).Should().BeNull();
        (await store.FindByIdentifierAsync("ACME")).Should().BeSameAs(Tenants.Acme);
        (await store.FindByDomainAsync("GLOBEX.io")).Should().BeSameAs(Tenants.Globex);
        (await store.FindByIdentifierAsync("nobody")).Should().BeNull();
        store.TryFindByDomain("acme.com", out var byDomain).Should().BeTrue();
        byDomain.Should().BeSameAs(Tenants.Acme);
    }

    [Fact]
    public void Initial_tenants_that_share_an_id_identifier_or_domain_are_refused()
    {
        var sameId = () => Create(Tenants.Acme, Tenants.Globex with { Id = "t-acme" });
        var sameIdentifier = () => Create(Tenants.Acme, Tenants.Globex with { Identifier = "acme" });
        var sameDomain = () => Create(Tenants.Acme, Tenants.Globex with { Domains = ["acme.com"] });

        sameId.Should().Throw<DuplicateTenantException>();
        sameIdentifier.Should().Throw<DuplicateTenantException>();
        sameDomain.Should().Throw<DuplicateTenantException>();
    }

    [Fact]
    public async Task Adding_a_tenant_that_takes_another_tenants_id_identifier_or_domain_fails_and_changes_nothing()
    {
        var store = Create(Tenants.Acme);

        await FluentActions.Awaiting(() => store.AddAsync(Tenants.Globex with { Id = "t-acme" }).AsTask()).Should().ThrowAsync<DuplicateTenantException>();
        await FluentActions.Awaiting(() => store.AddAsync(Tenants.Globex with { Identifier = "acme" }).AsTask()).Should().ThrowAsync<DuplicateTenantException>();
        await FluentActions.Awaiting(() => store.AddAsync(Tenants.Globex with { Domains = ["acme.com"] }).AsTask()).Should().ThrowAsync<DuplicateTenantException>();

        store.Count.Should().Be(1);
        (await store.FindByIdentifierAsync("globex")).Should().BeNull();
        (await store.FindByDomainAsync("acme.com")).Should().BeSameAs(Tenants.Acme);
        _changes.Should().BeEmpty();
    }

    [Fact]
    public async Task Adding_a_tenant_publishes_an_added_change()
    {
        var store = Create(Tenants.Acme);
        await store.AddAsync(Tenants.Globex);

        (await store.FindByDomainAsync("globex.io")).Should().BeSameAs(Tenants.Globex);
        _changes.Should().ContainSingle().Which.Should().Be(new TenantChange(TenantChangeKind.Added, "t-globex", null, Tenants.Globex));
    }

    [Fact]
    public async Task Updating_a_tenant_moves_its_identifier_and_domains_and_publishes_both_states()
    {
        var store = Create(Tenants.Acme, Tenants.Globex);
        var renamed = Tenants.Acme with { Identifier = "acme-corp", Domains = ["acme.org"], Status = TenantStatus.Suspended };

        await store.UpdateAsync(renamed);

        (await store.FindByIdentifierAsync("acme")).Should().BeNull();
        (await store.FindByDomainAsync("acme.com")).Should().BeNull();
        (await store.FindByIdentifierAsync("acme-corp")).Should().BeSameAs(renamed);
        (await store.FindByDomainAsync("acme.org")).Should().BeSameAs(renamed);
        _changes.Should().ContainSingle().Which.Should().Be(new TenantChange(TenantChangeKind.Updated, "t-acme", Tenants.Acme, renamed));
    }

    [Fact]
    public async Task Updating_to_another_tenants_identifier_or_domain_fails_and_keeps_the_tenant()
    {
        var store = Create(Tenants.Acme, Tenants.Globex);

        await FluentActions.Awaiting(() => store.UpdateAsync(Tenants.Acme with { Identifier = "globex" }).AsTask()).Should().ThrowAsync<DuplicateTenantException>();
        await FluentActions.Awaiting(() => store.UpdateAsync(Tenants.Acme with { Domains = ["acme.com", "globex.io"] }).AsTask()).Should().ThrowAsync<DuplicateTenantException>();

        (await store.FindByIdAsync("t-acme")).Should().BeSameAs(Tenants.Acme);
        (await store.FindByDomainAsync("globex.io")).Should().BeSameAs(Tenants.Globex);
        _changes.Should().BeEmpty();
    }

    [Fact]
    public async Task Updating_an_unknown_tenant_throws_not_found()
    {
        var store = Create(Tenants.Acme);
        await FluentActions.Awaiting(() => store.UpdateAsync(Tenants.Globex).AsTask()).Should().ThrowAsync<TenantNotFoundException>();
    }

    [Fact]
    public async Task Removing_a_tenant_frees_its_keys_and_publishes_a_removed_change()
    {
        var store = Create(Tenants.Acme, Tenants.Globex);

        (await store.RemoveAsync("t-acme")).Should().BeTrue();
        (await store.RemoveAsync("t-acme")).Should().BeFalse();

        (await store.FindByIdentifierAsync("acme")).Should().BeNull();
        (await store.FindByDomainAsync("acme.com")).Should().BeNull();
        await store.AddAsync(Tenants.Globex with { Id = "t-new", Identifier = "acme", Domains = ["acme.com"] });
        _changes.Select(c => c.Kind).Should().Equal(TenantChangeKind.Removed, TenantChangeKind.Added);
        _changes[0].Previous.Should().BeSameAs(Tenants.Acme);
    }

    [Fact]
    public async Task Paging_with_continuation_tokens_returns_every_tenant_once_in_id_order()
    {
        var tenants = Enumerable.Range(0, 25).Select(Tenants.Numbered).Reverse().ToArray();
        var store = Create(tenants);
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(new TenantPageRequest(10, token));
            seen.AddRange(page.Items.Select(t => t.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        pages.Should().Be(3);
        seen.Should().Equal(tenants.Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_tenant_has_no_continuation_token()
    {
        var store = Create(Enumerable.Range(0, 10).Select(Tenants.Numbered).ToArray());

        var page = await store.ListAsync(new TenantPageRequest(10));

        page.Items.Should().HaveCount(10);
        page.ContinuationToken.Should().BeNull();
        (await Create().ListAsync(new TenantPageRequest())).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_continuation_token_survives_the_removal_of_the_tenant_it_names()
    {
        var store = Create(Enumerable.Range(0, 6).Select(Tenants.Numbered).ToArray());
        var first = await store.ListAsync(new TenantPageRequest(3));
        await store.RemoveAsync(first.ContinuationToken!);

        var second = await store.ListAsync(new TenantPageRequest(3, first.ContinuationToken));

        second.Items.Select(t => t.Id).Should().Equal("t-0003", "t-0004", "t-0005");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TenantPageRequest.MaxPageSize + 1)]
    public void Page_sizes_outside_the_limits_are_refused(int size)
    {
        var act = () => new TenantPageRequest(size);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Replacing_all_tenants_publishes_one_change_per_difference()
    {
        var store = Create(Tenants.Acme, Tenants.Globex);
        var suspended = Tenants.Acme with { Status = TenantStatus.Suspended };

        store.ReplaceAll([suspended, Tenants.Initech]);

        _changes.Should().BeEquivalentTo(new[]
        {
            new TenantChange(TenantChangeKind.Updated, "t-acme", Tenants.Acme, suspended),
            new TenantChange(TenantChangeKind.Removed, "t-globex", Tenants.Globex, null),
            new TenantChange(TenantChangeKind.Added, "t-initech", null, Tenants.Initech),
        });
    }

    [Fact]
    public async Task Concurrent_writes_and_reads_keep_every_tenant_and_never_show_a_partial_state()
    {
        var store = Create();
        var writes = Enumerable.Range(0, 200).Select(i => Task.Run(async () => await store.AddAsync(Tenants.Numbered(i))));
        var reads = Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            store.TryFindByIdentifier($"tenant{i}", out var tenant);
            return tenant is null || tenant.Id == $"t-{i:D4}";
        }));

        await Task.WhenAll(writes);
        (await Task.WhenAll(reads)).Should().AllBeEquivalentTo(true);
        store.Count.Should().Be(200);
        _changes.Should().HaveCount(200);
    }
}
