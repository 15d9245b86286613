using System.Globalization;
using System.Text;

namespace Tenancy.Scim.Filters;

/// <summary>An attribute comparison: <c>userName eq "bjensen"</c>.</summary>
public sealed class ScimComparisonFilter : ScimFilter
{
    /// <summary>Creates a comparison.</summary>
    /// <param name="path">The attribute.</param>
    /// <param name="operator">The operator.</param>
    /// <param name="value">The value: a <see cref="string"/>, <see cref="bool"/>, <see cref="decimal"/> or <see langword="null"/>.</param>
    public ScimComparisonFilter(ScimAttributePath path, ScimComparisonOperator @operator, object? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (value is not (null or string or bool or decimal))
        {
            throw new ArgumentException("The value must be a string, a boolean, a decimal or null.", nameof(value));
        }

        Path = path;
        Operator = @operator;
        Value = value;
    }

    /// <summary>The attribute.</summary>
    public ScimAttributePath Path { get; }

    /// <summary>The operator.</summary>
    public ScimComparisonOperator Operator { get; }

    /// <summary>The value: a <see cref="string"/>, <see cref="bool"/>, <see cref="decimal"/> or <see langword="null"/>.</summary>
    public object? Value { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var value = Value switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ => Quote((string)Value),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Path} {ScimFilterParser.OperatorName(Operator)} {value}");
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
