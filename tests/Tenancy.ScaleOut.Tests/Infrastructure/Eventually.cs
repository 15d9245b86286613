using System.Diagnostics;

namespace Tenancy.ScaleOut.Tests.Infrastructure;

/// <summary>Waits for eventual consistency with a generous timeout, and says how long it took (for the report, never asserted tightly).</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> WithinAsync(TimeSpan timeout, Func<Task<bool>> condition, string because)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {because}");
            }

            await Task.Delay(1);
        }
    }
}
