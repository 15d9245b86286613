using System.Globalization;
using System.Text.Json;

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
            _ => JsonSerializer.Serialize((string)Value),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Path} {ScimFilterParser.OperatorName(Operator)} {value}");
    }
}
