namespace Tenancy.Scim.Tests.Infrastructure;

public enum Backend
{
    Sqlite,
    Postgres,
}
