using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.Sample.Host.Data;

/// <summary>
/// Wires the sample's tenant data: <c>builder.AddSampleData()</c> and <c>app.MapSampleData()</c>. SQLite under App_Data
/// by default; PostgreSQL with row-level security with <c>Sample:Database=Postgres</c> and
/// <c>ConnectionStrings:Postgres</c> (the application role; <c>ConnectionStrings:PostgresOwner</c>, if set, creates the
/// tables and policies).
/// </summary>
public static class SampleDataExtensions
{
    private const int MaxNameLength = 200;
    private const int MaxTextLength = 2000;

    /// <summary>Registers <see cref="SampleDb"/> (pooled) for the configured database.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var postgres = IsPostgres(builder.Configuration);
        string connectionString;
        if (postgres)
        {
            connectionString = builder.Configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("Sample:Database=Postgres needs ConnectionStrings:Postgres.");
        }
        else
        {
            var folder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
            Directory.CreateDirectory(folder);
            connectionString = builder.Configuration.GetConnectionString("Sqlite") ?? $"Data Source={Path.Combine(folder, "sample.db")}";
        }

        builder.Services.AddTenancy().AddTenantDbContextPool<SampleDb>(
            (_, options) =>
            {
                if (postgres)
                {
                    options.UseNpgsql(connectionString);
                }
                else
                {
                    options.UseSqlite(connectionString);
                }
            },
            tenancy =>
            {
                if (postgres)
                {
                    tenancy.UseRowLevelSecurity();
                }
            });
        builder.Services.AddHealthChecks().AddTenantDbContextCheck<SampleDb>();
        return builder;
    }

    /// <summary>
    /// Creates the sample tables (and policies) and maps <c>/projects</c> endpoints for the current tenant. Program.cs
    /// maps them inside a group that requires an authenticated member of the tenant.
    /// </summary>
    /// <param name="endpoints">The application, or a group of it.</param>
    /// <returns>The <c>/projects</c> group.</returns>
    public static RouteGroupBuilder MapSampleData(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        CreateDatabase(endpoints.ServiceProvider);

        var projects = endpoints.MapGroup("/projects").WithTags("Sample data");
        projects.MapGet("/", ListProjectsAsync);
        projects.MapPost("/", CreateProjectAsync);
        projects.MapGet("/{id:guid}/notes", ListNotesAsync);
        projects.MapPost("/{id:guid}/notes", AddNoteAsync);
        return projects;
    }

    private static async Task<Results<Ok<List<ProjectView>>, ProblemHttpResult>> ListProjectsAsync(SampleDb db, ICurrentTenant tenant, CancellationToken cancellationToken)
    {
        if (NoTenant(tenant) is { } problem)
        {
            return problem;
        }

        var list = await db.Projects.OrderBy(p => p.Name).Select(p => new ProjectView(p.Id, p.Name, p.CreatedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Created<ProjectView>, ValidationProblem, ProblemHttpResult>> CreateProjectAsync(
        NewProject body, SampleDb db, ICurrentTenant tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (NoTenant(tenant) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body?.Name) || body.Name.Length > MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"A name of 1 to {MaxNameLength} characters is required."] });
        }

        if (await db.Projects.AnyAsync(p => p.Name == body.Name, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A project with that name exists.");
        }

        var project = new Project { Name = body.Name.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Projects.Add(project);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request took the name (unique per tenant) between the check and the insert.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A project with that name exists.");
        }
        return TypedResults.Created($"/projects/{project.Id}", new ProjectView(project.Id, project.Name, project.CreatedAt));
    }

    private static async Task<Results<Ok<List<NoteView>>, ProblemHttpResult>> ListNotesAsync(Guid id, SampleDb db, ICurrentTenant tenant, CancellationToken cancellationToken)
    {
        if (NoTenant(tenant) is { } problem)
        {
            return problem;
        }

        // Another tenant's project is filtered out, so it is "not found", never "forbidden".
        if (!await db.Projects.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return ProjectNotFound(id);
        }

        var notes = await db.Notes.Where(n => n.ProjectId == id).OrderBy(n => n.Id).Select(n => new NoteView(n.Id, n.Text)).ToListAsync(cancellationToken);
        return TypedResults.Ok(notes);
    }

    private static async Task<Results<Created<NoteView>, ValidationProblem, ProblemHttpResult>> AddNoteAsync(
        Guid id, NewNote body, SampleDb db, ICurrentTenant tenant, CancellationToken cancellationToken)
    {
        if (NoTenant(tenant) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body?.Text) || body.Text.Length > MaxTextLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"A text of 1 to {MaxTextLength} characters is required."] });
        }

        if (!await db.Projects.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return ProjectNotFound(id);
        }

        var note = new ProjectNote { ProjectId = id, Text = body.Text };
        db.Notes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/projects/{id}/notes/{note.Id}", new NoteView(note.Id, note.Text));
    }

    private static ProblemHttpResult ProjectNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such project", detail: $"This tenant has no project {id}.");

    private static ProblemHttpResult? NoTenant(ICurrentTenant tenant) => tenant.IsSet
        ? null
        : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No tenant", detail: "This endpoint serves tenant data: name a tenant (host, header or path).");

    private static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration["Sample:Database"], "Postgres", StringComparison.OrdinalIgnoreCase);

    private static void CreateDatabase(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var postgres = IsPostgres(configuration);
        var owner = configuration.GetConnectionString("PostgresOwner");
        using var scope = services.CreateScope();
        if (postgres && owner is not null)
        {
            using var setup = new SampleDb(new DbContextOptionsBuilder<SampleDb>().UseNpgsql(owner).UseTenancy().Options);
            setup.Database.EnsureCreated();
            TenantRowLevelSecurity.ApplyAsync(setup).GetAwaiter().GetResult();

            // The application role gets data rights only: it does not own the tables, so it cannot turn the policies off.
            var appRole = new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")).Username
                ?? throw new InvalidOperationException("ConnectionStrings:Postgres needs a Username.");
            var role = "\"" + appRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
#pragma warning disable EF1002 // The role name is quoted as an identifier.
            setup.Database.ExecuteSqlRaw($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};");
#pragma warning restore EF1002
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<SampleDb>();
        db.Database.EnsureCreated();
        if (postgres)
        {
            TenantRowLevelSecurity.ApplyAsync(db).GetAwaiter().GetResult();
        }
    }

    /// <summary>A project as the API shows it.</summary>
    public sealed record ProjectView(Guid Id, string Name, DateTimeOffset CreatedAt);

    /// <summary>A note as the API shows it.</summary>
    public sealed record NoteView(Guid Id, string Text);

    /// <summary>The body of POST /projects.</summary>
    public sealed record NewProject(string? Name);

    /// <summary>The body of POST /projects/{id}/notes.</summary>
    public sealed record NewNote(string? Text);
}
