using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.ApiKeys;
using Tenancy.Audit;
using Tenancy.Lifecycle;
using Tenancy.Members;
using Tenancy.Stores;

namespace Tenancy.Platform.Tests.Lifecycle;

public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly SqliteConnection _notesKeeper;
    private readonly string _notes = $"Data Source=file:notes-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private readonly FlakyStep _flaky = new();
    private PlatformHost _platform = null!;

    public LifecycleTests()
    {
        _notesKeeper = new SqliteConnection(_notes);
        _notesKeeper.Open();
    }

    private TenantLifecycleOrchestrator Orchestrator => _platform.Services.GetRequiredService<TenantLifecycleOrchestrator>();

    private IWritableTenantStore Tenants => _platform.Services.GetRequiredService<IWritableTenantStore>();

    public async Task InitializeAsync()
    {
        _platform = await PlatformHost.SqliteAsync(services =>
        {
            services.AddSingleton<TenantLifecycleStep>(_flaky);
            services.AddTenancy(t => t
                    .AddLifecycle()
                    .AddTenantDataLifecycle<NotesDb>(provision: true, seed: async (db, ct) =>
                    {
                        db.Notes.Add(new Note { Text = "welcome" });
                        await db.SaveChangesAsync(ct);
                    }))
                .AddPooledTenantDbContextFactory<NotesDb>((_, o) => o.UseSqlite(_notes));
        });
        await using var db = await _platform.Services.GetRequiredService<IDbContextFactory<NotesDb>>().CreateDbContextAsync();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _notesKeeper.DisposeAsync();
    }

    [Fact]
    public async Task Onboarding_creates_the_tenant_pending_runs_the_steps_then_activates_it()
    {
        var seen = new List<string>();
        var report = await Orchestrator.OnboardAsync(new TenantInfo("newco", "newco", "NewCo"), progress: new SyncProgress(seen));

        report.Finished.Should().BeTrue();
        report.Steps.Select(s => s.Key).Should().Equal("tenant:create", "provision:ef.NotesDb", "tenant:activate");
        seen.Should().HaveCount(3);
        (await Tenants.FindByIdAsync("newco"))!.Status.Should().Be(TenantStatus.Active);
        (await CountNotesAsync("newco")).Should().Be(1, "the seed ran once");

        var again = await Orchestrator.OnboardAsync(new TenantInfo("newco", "newco", "NewCo"));
        again.Steps.Should().OnlyContain(s => s.Outcome == "already-done");
        (await CountNotesAsync("newco")).Should().Be(1, "a rerun never duplicates");
    }

    [Fact]
    public async Task A_dry_run_lists_the_steps_and_changes_nothing()
    {
        await SeedAsync("acme");

        var report = await Orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { DryRun = true, ExportTo = _ => Task.FromResult<Stream>(new MemoryStream()), RemoveTenant = true });

        report.Finished.Should().BeFalse();
        report.Steps.Select(s => (s.Key, s.Outcome)).Should().Equal(
            ("tenant:suspend", "would-run"), ("export:archive", "would-run"), ("revoke:apikeys", "would-run"), ("revoke:members", "would-run"),
            ("delete:flaky", "would-run"), ("delete:ef.NotesDb", "would-run"), ("tenant:remove", "would-run"));
        (await Tenants.FindByIdAsync("acme"))!.Status.Should().Be(TenantStatus.Active);
        (await CountNotesAsync("acme")).Should().Be(2);
    }

    [Fact]
    public async Task An_offboarding_that_fails_half_way_resumes_and_ends_like_a_clean_run_leaving_nothing()
    {
        var acmeKey = await SeedAsync("acme");
        var globexKey = await SeedAsync("globex");
        _flaky.FailNext = true;

        var crash = await FluentActions.Awaiting(() => Orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true })).Should().ThrowAsync<InvalidOperationException>();
        crash.Which.Message.Should().Be("simulated crash");
        (await Tenants.FindByIdAsync("acme"))!.Status.Should().Be(TenantStatus.Suspended);
        (await _platform.Keys.ValidateAsync(acmeKey)).Succeeded.Should().BeFalse("credentials were revoked before the crash");

        var resumed = await Orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true });
        resumed.Steps.Select(s => (s.Key, s.Outcome)).Should().Equal(
            ("tenant:suspend", "already-done"), ("revoke:apikeys", "already-done"), ("revoke:members", "already-done"),
            ("delete:flaky", "done"), ("delete:ef.NotesDb", "done"), ("tenant:remove", "done"));
        _flaky.Runs.Should().Be(2);

        var clean = await Orchestrator.OffboardAsync("globex", new TenantOffboardingOptions { RemoveTenant = true });
        clean.Steps.Should().OnlyContain(s => s.Outcome == "done");

        foreach (var (tenant, key) in new[] { ("acme", acmeKey), ("globex", globexKey) })
        {
            (await Tenants.FindByIdAsync(tenant)).Should().BeNull();
            (await CountNotesAsync(tenant)).Should().Be(0);
            (await _platform.Keys.ValidateAsync(key)).Succeeded.Should().BeFalse();
            foreach (var table in new[] { "TenantApiKeys", "TenantApiKeyIndex", "TenantMembers", "TenantUserIndex", "TenantInvitations", "TenantRoles" })
            {
                (await _platform.Database.ScalarAsAdminAsync($"SELECT count(*) FROM {table} WHERE TenantId = '{tenant}'")).Should().Be(0, $"{table} of {tenant}");
            }
        }

        (await Orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true })).Finished.Should().BeTrue("a finished offboarding reruns as a no-op");
    }

    [Fact]
    public async Task Offboarding_waits_for_the_grace_period_with_the_tenant_suspended()
    {
        await SeedAsync("acme");

        var first = await Orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { GracePeriod = TimeSpan.FromDays(30) });
        first.Finished.Should().BeFalse();
        (await Tenants.FindByIdAsync("acme"))!.Status.Should().Be(TenantStatus.Suspended);
        (await CountNotesAsync("acme")).Should().Be(2, "data is kept during the grace period");

        _platform.Time.Advance(TimeSpan.FromDays(30));
        var second = await Orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { GracePeriod = TimeSpan.FromDays(30) });
        second.Finished.Should().BeTrue();
        (await Tenants.FindByIdAsync("acme"))!.Status.Should().Be(TenantStatus.Archived);
        (await CountNotesAsync("acme")).Should().Be(0);
        (await _platform.Audit.QueryAsync("acme", new AuditQuery { Action = "lifecycle.offboard" })).Entries.Select(e => e.Target).Should().Contain(["tenant:suspend", "delete:ef.NotesDb", "tenant:archive"]);
    }

    [Fact]
    public async Task The_export_is_one_zip_with_a_manifest_whose_checksums_match_and_only_this_tenants_data()
    {
        await SeedAsync("acme");
        await SeedAsync("globex");
        using var zipBytes = new MemoryStream();

        var entries = await Orchestrator.ExportAsync("acme", zipBytes);

        entries.Select(e => e.Name).Should().Contain(["data/NotesDb.json", "members/members.json"]);
        zipBytes.Position = 0;
        using var zip = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        manifest.RootElement.GetProperty("tenantId").GetString().Should().Be("acme");
        foreach (var listed in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            using var content = new MemoryStream();
            await zip.GetEntry(listed.GetProperty("name").GetString()!)!.Open().CopyToAsync(content);
            Convert.ToHexStringLower(SHA256.HashData(content.ToArray())).Should().Be(listed.GetProperty("sha256").GetString());
            content.Length.Should().Be(listed.GetProperty("size").GetInt64());
        }

        using var reader = new StreamReader(zip.GetEntry("data/NotesDb.json")!.Open());
        var data = await reader.ReadToEndAsync();
        data.Should().Contain("acme note").And.NotContain("globex note");
    }

    [Fact]
    public async Task Onboarding_refuses_an_existing_tenant_and_offboarding_an_unknown_one()
    {
        await FluentActions.Awaiting(() => Orchestrator.OnboardAsync(new TenantInfo("acme", "acme", "Acme"))).Should().ThrowAsync<DuplicateTenantException>();
        await FluentActions.Awaiting(() => Orchestrator.OffboardAsync("nobody")).Should().ThrowAsync<TenantNotFoundException>();
        await FluentActions.Awaiting(() => Orchestrator.OffboardAsync("../x")).Should().ThrowAsync<InvalidTenantIdException>();
        (await Tenants.FindByIdAsync("acme"))!.Status.Should().Be(TenantStatus.Active);
    }

    private async Task<string> SeedAsync(string tenantId)
    {
        var tenant = (await Tenants.FindByIdAsync(tenantId))!;
        using (AmbientCurrentTenant.Instance.Begin(tenant))
        await using (var db = await _platform.Services.GetRequiredService<IDbContextFactory<NotesDb>>().CreateDbContextAsync())
        {
            db.Notes.AddRange(new Note { Text = tenantId + " note" }, new Note { Text = tenantId + " note 2" });
            await db.SaveChangesAsync();
        }

        await _platform.Members.AddMemberAsync(tenantId, "owner-" + tenantId, null, [TenantRoles.Owner]);
        await _platform.Members.InviteAsync(tenantId, "new@" + tenantId + ".example", TenantRoles.Member);
        var key = await _platform.Keys.CreateAsync(tenantId, new TenantApiKeyRequest("ci"));
        (await _platform.Keys.ValidateAsync(key.Token)).Succeeded.Should().BeTrue();
        return key.Token;
    }

    private async Task<long> CountNotesAsync(string tenantId)
    {
        await using var connection = new SqliteConnection(_notes);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM Notes WHERE TenantId = '{tenantId}'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public sealed class FlakyStep : TenantLifecycleStep
    {
        public bool FailNext { get; set; }

        public int Runs { get; private set; }

        public override string Name => "flaky";

        public override int Order => 50;

        public override bool Handles(TenantLifecycleStage stage) => stage == TenantLifecycleStage.DeleteData;

        public override Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
        {
            Runs++;
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("simulated crash");
            }

            return Task.CompletedTask;
        }
    }

    private sealed class SyncProgress(List<string> seen) : IProgress<TenantLifecycleStepReport>
    {
        public void Report(TenantLifecycleStepReport value) => seen.Add(value.Key);
    }
}
