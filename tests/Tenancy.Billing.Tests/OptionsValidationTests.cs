using Microsoft.Extensions.Options;

namespace Tenancy.Billing.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task Invalid_redis_options_fail_at_start_up_naming_the_member()
    {
        var start = async () => await BillingHost.StartAsync(b => b.UseRedis("127.0.0.1:1", o => o.LeaseBlockSize = -1));

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("LeaseBlockSize");
    }

    [Fact]
    public async Task Stripe_without_a_key_or_webhook_secret_fails_at_start_up_naming_the_member()
    {
        var start = async () => await BillingHost.StartAsync(b => b.UseStripe(o => o.ApiKey = "sk_test_x"));

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("WebhookSecret");
    }

    [Fact]
    public void Builder_methods_refuse_missing_arguments()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        var tenancy = Microsoft.Extensions.DependencyInjection.TenancyServiceCollectionExtensions.AddTenancy(services);
        BillingBuilder? captured = null;
        Microsoft.Extensions.DependencyInjection.TenancyBillingBuilderExtensions.AddTenancyBilling(tenancy, b => captured = b);

        ((Action)(() => captured!.UseRedis(" "))).Should().Throw<ArgumentException>();
        ((Action)(() => captured!.UsePlans((Microsoft.Extensions.Configuration.IConfiguration)null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => captured!.AddGauge("", (_, _, _) => ValueTask.FromResult(0L)))).Should().Throw<ArgumentException>();
        ((Action)(() => Microsoft.Extensions.DependencyInjection.TenancyBillingBuilderExtensions.AddTenancyBilling(tenancy, null!))).Should().Throw<ArgumentNullException>();
    }
}
