using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Patch;

/// <summary>Evaluates a value filter (<c>type eq "work"</c>) over one value of a multi-valued complex attribute, in memory.</summary>
internal static class ScimValueFilterEvaluator
{
    public static bool Matches(JsonObject element, ScimFilter filter, ScimAttribute parent) => filter switch
    {
        ScimLogicalFilter { Operator: ScimLogicalOperator.And } and => Matches(element, and.Left, parent) && Matches(element, and.Right, parent),
        ScimLogicalFilter or => Matches(element, or.Left, parent) || Matches(element, or.Right, parent),
        ScimNotFilter not => !Matches(element, not.Inner, parent),
        ScimPresentFilter present => ScimDocument.HasValue(element[Sub(parent, present.Path).Name]),
        ScimComparisonFilter comparison => Compare(element, comparison, parent),
        _ => throw ScimException.BadRequest(ScimErrorType.InvalidPath, "Value filters cannot be nested."),
    };

    /// <summary>The sub-attribute values a filter of <c>eq</c> comparisons joined by <c>and</c> pins down, for creating a missing value.</summary>
    public static JsonObject? Equalities(ScimFilter filter, ScimAttribute parent)
    {
        var result = new JsonObject();
        return Collect(filter, parent, result) ? result : null;
    }

    private static bool Collect(ScimFilter filter, ScimAttribute parent, JsonObject result)
    {
        switch (filter)
        {
            case ScimLogicalFilter { Operator: ScimLogicalOperator.And } and:
                return Collect(and.Left, parent, result) && Collect(and.Right, parent, result);
            case ScimComparisonFilter { Operator: ScimComparisonOperator.Equal, Value: not null } eq:
                var sub = Sub(parent, eq.Path);
                result[sub.Name] = eq.Value switch
                {
                    string s => JsonValue.Create(s),
                    bool b => JsonValue.Create(b),
                    decimal d => JsonValue.Create(d),
                    _ => null,
                };
                return true;
            default:
                return false;
        }
    }

    private static ScimAttribute Sub(ScimAttribute parent, ScimAttributePath path)
    {
        if (path.SubAttribute is not null)
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidPath, $"'{path}' is not a sub-attribute of '{parent.Name}'.");
        }

        return parent.FindSubAttribute(path.Name)
            ?? throw ScimException.BadRequest(ScimErrorType.InvalidPath, $"'{path.Name}' is not a sub-attribute of '{parent.Name}'.");
    }

    private static bool Compare(JsonObject element, ScimComparisonFilter filter, ScimAttribute parent)
    {
        var sub = Sub(parent, filter.Path);
        var actual = element[sub.Name];
        if (filter.Value is null)
        {
            return filter.Operator switch
            {
                ScimComparisonOperator.Equal => actual is null,
                ScimComparisonOperator.NotEqual => actual is not null,
                _ => throw ScimException.BadRequest(ScimErrorType.InvalidFilter, "Only 'eq' and 'ne' compare with null."),
            };
        }

        if (actual is not JsonValue value)
        {
            return filter.Operator == ScimComparisonOperator.NotEqual;
        }

        int order;
        switch (filter.Value)
        {
            case bool expected:
                var flag = value.GetValueKind() == JsonValueKind.True;
                return filter.Operator switch
                {
                    ScimComparisonOperator.Equal => flag == expected,
                    ScimComparisonOperator.NotEqual => flag != expected,
                    _ => throw ScimException.BadRequest(ScimErrorType.InvalidFilter, $"'{sub.Name}' is a boolean: only 'eq' and 'ne' apply."),
                };
            case decimal number:
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    return filter.Operator == ScimComparisonOperator.NotEqual;
                }

                order = value.GetValue<decimal>().CompareTo(number);
                break;
            default:
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                var expectedText = (string)filter.Value;
                var comparison = sub.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                switch (filter.Operator)
                {
                    case ScimComparisonOperator.Contains: return text.Contains(expectedText, comparison);
                    case ScimComparisonOperator.StartsWith: return text.StartsWith(expectedText, comparison);
                    case ScimComparisonOperator.EndsWith: return text.EndsWith(expectedText, comparison);
                }

                order = string.Compare(text, expectedText, comparison);
                break;
        }

        return filter.Operator switch
        {
            ScimComparisonOperator.Equal => order == 0,
            ScimComparisonOperator.NotEqual => order != 0,
            ScimComparisonOperator.GreaterThan => order > 0,
            ScimComparisonOperator.GreaterThanOrEqual => order >= 0,
            ScimComparisonOperator.LessThan => order < 0,
            ScimComparisonOperator.LessThanOrEqual => order <= 0,
            _ => throw ScimException.BadRequest(ScimErrorType.InvalidFilter, string.Create(CultureInfo.InvariantCulture, $"'{filter}' cannot be evaluated.")),
        };
    }
}
