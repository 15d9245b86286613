global using Tenancy.ScaleOut.Tests.Infrastructure;
