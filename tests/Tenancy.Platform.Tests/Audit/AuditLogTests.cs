using System.Text;
using Tenancy.Audit;

namespace Tenancy.Platform.Tests.Audit;

public sealed class AuditLogTests : IAsyncLifetime
{
    private PlatformHost _platform = null!;

    public async Task InitializeAsync() => _platform = await PlatformHost.SqliteAsync();

    public Task DisposeAsync() => _platform.DisposeAsync().AsTask();

    [Fact]
    public async Task Entries_form_a_chain_per_tenant_that_verifies()
    {
        for (var i = 0; i < 5; i++)
        {
            await _platform.Audit.WriteAsync("acme", new AuditEvent("order.created", "order:" + i) { ActorKind = AuditActorKind.User, ActorId = "alice" });
            await _platform.Audit.WriteAsync("globex", new AuditEvent("order.created", "order:" + i));
            _platform.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var page = await _platform.Audit.QueryAsync("acme", new AuditQuery());
        page.Entries.Select(e => e.Sequence).Should().Equal(1, 2, 3, 4, 5);
        page.Entries[0].PreviousHash.Should().Be(AuditChain.Genesis);
        page.Entries[1].PreviousHash.Should().Be(page.Entries[0].Hash);
        page.Entries.Should().OnlyContain(e => e.TenantId == "acme");
        (await _platform.Audit.VerifyAsync("acme")).Should().Be(new AuditVerification(true, 5, null, null));
        (await _platform.Audit.VerifyAsync("globex")).IsIntact.Should().BeTrue();
    }

    [Theory]
    [InlineData("UPDATE TenantAuditLog SET Target = 'order:99' WHERE TenantId = 'acme' AND Sequence = 2", 2)]
    [InlineData("UPDATE TenantAuditLog SET TimestampTicks = TimestampTicks + 1 WHERE TenantId = 'acme' AND Sequence = 3", 3)]
    [InlineData("DELETE FROM TenantAuditLog WHERE TenantId = 'acme' AND Sequence = 2", 2)]
    [InlineData("UPDATE TenantAuditLog SET Sequence = -2 WHERE TenantId = 'acme' AND Sequence = 2; UPDATE TenantAuditLog SET Sequence = 2 WHERE TenantId = 'acme' AND Sequence = 3; UPDATE TenantAuditLog SET Sequence = 3 WHERE TenantId = 'acme' AND Sequence = -2", 2)]
    [InlineData("UPDATE TenantAuditLog SET TenantId = 'acme', Sequence = 9 WHERE TenantId = 'globex' AND Sequence = 1", 9)]
    public async Task Changed_removed_reordered_or_foreign_entries_are_detected(string tampering, long brokenAt)
    {
        for (var i = 0; i < 4; i++)
        {
            await _platform.Audit.WriteAsync("acme", new AuditEvent("order.created", "order:" + i));
            await _platform.Audit.WriteAsync("globex", new AuditEvent("order.created", "order:" + i));
        }

        if (brokenAt == 9)
        {
            await _platform.Database.ExecuteAsAdminAsync("DELETE FROM TenantAuditLog WHERE TenantId = 'acme' AND Sequence = 4");
            await _platform.Database.ExecuteAsAdminAsync("UPDATE TenantAuditLog SET TenantId = 'acme', Sequence = 4 WHERE TenantId = 'globex' AND Sequence = 4");
            brokenAt = 4;
        }
        else
        {
            await _platform.Database.ExecuteAsAdminAsync(tampering);
        }

        var result = await _platform.Audit.VerifyAsync("acme");
        result.IsIntact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(brokenAt);
        result.Problem.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Queries_filter_and_page_by_keyset_within_one_tenant()
    {
        for (var i = 0; i < 25; i++)
        {
            await _platform.Audit.WriteAsync("acme", new AuditEvent(i % 2 == 0 ? "a.even" : "a.odd", "t" + (i % 3)) { ActorKind = AuditActorKind.ApiKey, ActorId = "k" + (i % 2) });
            _platform.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await _platform.Audit.WriteAsync("globex", new AuditEvent("a.even"));
        var start = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        var seen = new List<long>();
        long? after = null;
        do
        {
            var page = await _platform.Audit.QueryAsync("acme", new AuditQuery { Action = "a.even", Limit = 5, After = after });
            seen.AddRange(page.Entries.Select(e => e.Sequence));
            after = page.NextAfter;
        }
        while (after is not null);

        seen.Should().Equal(Enumerable.Range(0, 13).Select(i => (long)(2 * i + 1)));
        (await _platform.Audit.QueryAsync("acme", new AuditQuery { ActorId = "k1", Target = "t0" })).Entries.Select(e => e.Sequence).Should().Equal(4, 10, 16, 22);
        (await _platform.Audit.QueryAsync("acme", new AuditQuery { From = start.AddMinutes(3), To = start.AddMinutes(5) })).Entries.Select(e => e.Sequence).Should().Equal(4, 5);
        (await _platform.Audit.QueryAsync("acme", new AuditQuery { ActorKind = AuditActorKind.User })).Entries.Should().BeEmpty();
        (await _platform.Audit.QueryAsync("globex", new AuditQuery())).Entries.Should().ContainSingle();
    }

    [Fact]
    public async Task The_csv_export_quotes_fields_and_defuses_formulas()
    {
        await _platform.Audit.WriteAsync("acme", new AuditEvent("note.added", "=HYPERLINK(\"http://evil\")") { Details = "line1\nline2, \"quoted\"" });
        await _platform.Audit.WriteAsync("globex", new AuditEvent("secret.globex"));

        using var output = new MemoryStream();
        (await _platform.Audit.ExportCsvAsync("acme", new AuditQuery(), output)).Should().Be(1);

        var csv = Encoding.UTF8.GetString(output.ToArray());
        csv.Should().StartWith("sequence,timestamp,actor_kind,");
        csv.Should().Contain("\"'=HYPERLINK(\"\"http://evil\"\")\"").And.Contain("\"line1\nline2, \"\"quoted\"\"\"").And.NotContain("secret.globex");
    }

    [Fact]
    public async Task Concurrent_appends_form_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => _platform.Audit.WriteAsync("acme", new AuditEvent("parallel", "n" + i)))));

        var verification = await _platform.Audit.VerifyAsync("acme");
        verification.IsIntact.Should().BeTrue(verification.Problem);
        verification.EntriesChecked.Should().Be(40);
    }

    [Fact]
    public async Task Writing_without_a_tenant_fails_closed_and_bad_input_is_refused()
    {
        await FluentActions.Awaiting(() => _platform.Audit.WriteAsync(new AuditEvent("x"))).Should().ThrowAsync<TenantNotResolvedException>();
        FluentActions.Invoking(() => new AuditEvent(" ")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new AuditQuery { Limit = 0 }).Should().Throw<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => _platform.Audit.WriteAsync("acme", new AuditEvent("x") { Details = new string('d', 2001) })).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _platform.Audit.WriteAsync("initech", new AuditEvent("x"))).Should().ThrowAsync<TenantNotFoundException>();
        (await _platform.Database.ScalarAsAdminAsync("SELECT count(*) FROM TenantAuditLog")).Should().Be(0);
    }

    [Fact]
    public async Task Api_key_and_membership_changes_are_recorded()
    {
        var key = await _platform.Keys.CreateAsync("acme", new Tenancy.ApiKeys.TenantApiKeyRequest("ci", CreatedBy: "alice"));
        await _platform.Keys.RevokeAsync("acme", key.Key.Id, "alice");
        await _platform.Members.AddMemberAsync("acme", "bob", null, [Tenancy.Members.TenantRoles.Owner], "alice");
        await _platform.Members.RemoveMemberAsync("acme", "bob", "alice");

        var entries = (await _platform.Audit.QueryAsync("acme", new AuditQuery())).Entries;
        entries.Select(e => (e.Action, e.Outcome)).Should().Equal(
            ("apikey.created", AuditOutcome.Success), ("apikey.revoked", AuditOutcome.Success), ("member.added", AuditOutcome.Success), ("member.removed", AuditOutcome.Denied));
        entries.Should().OnlyContain(e => e.ActorKind == AuditActorKind.User && e.ActorId == "alice");
        entries[0].Target.Should().Be("apikey:" + key.Key.Id);
        entries.Should().NotContain(e => (e.Details ?? string.Empty).Contains(key.Token, StringComparison.Ordinal));
    }
}
