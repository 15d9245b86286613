global using Tenancy.Platform.Tests.Infrastructure;
