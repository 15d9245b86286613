namespace Tenancy.AspNetCore.Tests.Infrastructure;

public sealed record WhoAmIResponse(string? Tenant, string PathBase, string Path);
