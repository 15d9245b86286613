global using Tenancy.Billing.Tests.Infrastructure;
