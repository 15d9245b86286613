global using Tenancy.Sso.Tests.Infrastructure;
