global using Tenancy.ScaleOut.Tests.Infrastructure;
global using Tenancy.Testing;
global using Tenancy.Testing.Redis;
