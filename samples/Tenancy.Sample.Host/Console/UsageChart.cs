using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Tenancy.Sample.Host.Console;

/// <summary>
/// Draws a meter's daily usage as an inline SVG bar chart on the server (no script, no CDN): one bar per day, a dashed
/// line at the plan's limit, a text alternative for screen readers.
/// </summary>
public static class UsageChart
{
    private const int Width = 640;
    private const int Height = 200;
    private const int Left = 64;
    private const int Right = 8;
    private const int Top = 12;
    private const int Bottom = 28;

    /// <summary>Renders the chart.</summary>
    /// <param name="meter">The meter's name (the chart's title).</param>
    /// <param name="days">One value per day, oldest first (missing days as 0).</param>
    /// <param name="limit">The plan's limit, or <see langword="null"/> when unlimited.</param>
    /// <returns>The SVG markup (HTML-encoded text inside).</returns>
    public static string Render(string meter, IReadOnlyList<(DateOnly Day, long Used)> days, long? limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meter);
        ArgumentNullException.ThrowIfNull(days);
        var html = HtmlEncoder.Default;
        var inv = CultureInfo.InvariantCulture;
        var highest = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Used));
        var max = highest;
        var limitShown = limit is { } l && l < long.MaxValue / 2 && l <= highest * 4; // a far-away limit would flatten the bars
        if (limitShown)
        {
            max = Math.Max(max, limit!.Value);
        }

        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = days.Count == 0 ? plotWidth : (double)plotWidth / days.Count;
        var total = days.Sum(d => d.Used);
        var summary = days.Count == 0
            ? $"No usage of {meter} recorded."
            : $"{meter}: {total.ToString("N0", inv)} over {days.Count} days from {days[0].Day:yyyy-MM-dd} to {days[^1].Day:yyyy-MM-dd}; highest day {days.Max(d => d.Used).ToString("N0", inv)}"
              + (limit is { } lim && lim < long.MaxValue / 2 ? $"; limit {lim.ToString("N0", inv)}." : ".");
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"chart-{html.Encode(meter)}-title\">");
        svg.Append(inv, $"<title id=\"chart-{html.Encode(meter)}-title\">{html.Encode(summary)}</title>");
        svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" stroke=\"#555\"/>");
        svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{Short(max)}</text>");
        svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" font-size=\"11\">0</text>");
        for (var i = 0; i < days.Count; i++)
        {
            var (day, used) = days[i];
            var h = (double)used / max * plotHeight;
            var x = Left + (i * slot) + 1;
            svg.Append(inv, $"<rect x=\"{x:0.#}\" y=\"{Top + plotHeight - h:0.#}\" width=\"{Math.Max(1, slot - 2):0.#}\" height=\"{h:0.#}\" fill=\"#2f6fb3\"><title>{day:yyyy-MM-dd}: {used.ToString("N0", inv)}</title></rect>");
            if (i == 0 || i == days.Count - 1 || (i % 7 == 0 && i < days.Count - 4))
            {
                svg.Append(inv, $"<text x=\"{x + (slot / 2):0.#}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"10\">{day:MM-dd}</text>");
            }
        }

        if (!limitShown && limit is { } far && far < long.MaxValue / 2)
        {
            svg.Append(inv, $"<text x=\"{Width - Right}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\" fill=\"#b3261e\">limit {far.ToString("N0", inv)} (above the chart)</text>");
        }

        if (limitShown && limit is { } cap)
        {
            var y = Top + plotHeight - ((double)cap / max * plotHeight);
            svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#b3261e\" stroke-dasharray=\"6 4\"/>");
            svg.Append(inv, $"<text x=\"{Width - Right}\" y=\"{y - 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#b3261e\">limit {cap.ToString("N0", inv)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Short(long value) => value switch
    {
        >= 10_000_000_000 => (value / 1_000_000_000).ToString(CultureInfo.InvariantCulture) + "G",
        >= 10_000_000 => (value / 1_000_000).ToString(CultureInfo.InvariantCulture) + "M",
        >= 100_000 => (value / 1_000).ToString(CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };
}
