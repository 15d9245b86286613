using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Quotas;

/// <summary>Computes the period that contains an instant for a reset period and a billing anchor.</summary>
internal static class BillingPeriods
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static (DateTimeOffset Start, DateTimeOffset End) Containing(ResetPeriod reset, DateTimeOffset? anchor, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        switch (reset)
        {
            case ResetPeriod.Day:
                var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
                return (day, day.AddDays(1));
            case ResetPeriod.Month:
                var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
                return (month, month.AddMonths(1));
            case ResetPeriod.BillingCycle when anchor is { } a:
                return Cycle(a.ToUniversalTime(), now);
            case ResetPeriod.BillingCycle:
                goto case ResetPeriod.Month;
            default:
                return (Epoch, DateTimeOffset.MaxValue);
        }
    }

    /// <summary>Monthly periods on the anchor's day and time; a day the month lacks (31st) falls on its last day, as Stripe does.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Cycle(DateTimeOffset anchor, DateTimeOffset now)
    {
        var months = ((now.Year - anchor.Year) * 12) + now.Month - anchor.Month;
        var start = Nth(anchor, months);
        if (start > now)
        {
            months--;
            start = Nth(anchor, months);
        }

        var end = Nth(anchor, months + 1);
        if (end <= now)
        {
            start = end;
            end = Nth(anchor, months + 2);
        }

        return (start, end);
    }

    private static DateTimeOffset Nth(DateTimeOffset anchor, int months)
    {
        var first = new DateTimeOffset(anchor.Year, anchor.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(months);
        var day = Math.Min(anchor.Day, DateTime.DaysInMonth(first.Year, first.Month));
        return first.AddDays(day - 1).Add(anchor.TimeOfDay);
    }
}
