using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.EntityFramework;

/// <summary>
/// Translates a SCIM filter into a LINQ predicate over the indexed columns of the SCIM tables, so the database answers
/// it (no in-memory scan). Values become query parameters. Attributes without a column — valid SCIM, but not indexed
/// here — are answered 400 <c>invalidFilter</c> with the list of filterable attributes, never with "everything".
/// </summary>
internal sealed class ScimFilterTranslator(IQueryable<ScimGroupMemberRecord> members)
{
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo AnyMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Any) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(ScimGroupMemberRecord));

    private static readonly Dictionary<string, Column> UserColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = new(nameof(ScimUserRecord.Id), ColumnKind.Exact),
        ["externalId"] = new(nameof(ScimUserRecord.ExternalId), ColumnKind.Exact),
        ["userName"] = new(nameof(ScimUserRecord.UserNameKey), ColumnKind.Key),
        ["displayName"] = new(nameof(ScimUserRecord.DisplayNameKey), ColumnKind.Key),
        ["name.givenName"] = new(nameof(ScimUserRecord.GivenNameKey), ColumnKind.Key),
        ["name.familyName"] = new(nameof(ScimUserRecord.FamilyNameKey), ColumnKind.Key),
        ["emails.value"] = new(nameof(ScimUserRecord.EmailKey), ColumnKind.Key),
        ["active"] = new(nameof(ScimUserRecord.Active), ColumnKind.Boolean),
        ["meta.created"] = new(nameof(ScimUserRecord.Created), ColumnKind.Time),
        ["meta.lastModified"] = new(nameof(ScimUserRecord.LastModified), ColumnKind.Time),
    };

    private static readonly Dictionary<string, Column> GroupColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = new(nameof(ScimGroupRecord.Id), ColumnKind.Exact),
        ["externalId"] = new(nameof(ScimGroupRecord.ExternalId), ColumnKind.Exact),
        ["displayName"] = new(nameof(ScimGroupRecord.DisplayNameKey), ColumnKind.Key),
        ["meta.created"] = new(nameof(ScimGroupRecord.Created), ColumnKind.Time),
        ["meta.lastModified"] = new(nameof(ScimGroupRecord.LastModified), ColumnKind.Time),
    };

    private enum ColumnKind
    {
        Exact,
        Key,
        Boolean,
        Time,
    }

    public IQueryable<ScimGroupMemberRecord> Members { get; } = members;

    public Expression<Func<ScimUserRecord, bool>> ForUsers(ScimFilter filter)
    {
        var parameter = Expression.Parameter(typeof(ScimUserRecord), "u");
        return Expression.Lambda<Func<ScimUserRecord, bool>>(Translate(filter, new Target(ScimSchemas.UserResourceType, parameter, UserColumns)), parameter);
    }

    public Expression<Func<ScimGroupRecord, bool>> ForGroups(ScimFilter filter)
    {
        var parameter = Expression.Parameter(typeof(ScimGroupRecord), "g");
        return Expression.Lambda<Func<ScimGroupRecord, bool>>(Translate(filter, new Target(ScimSchemas.GroupResourceType, parameter, GroupColumns)), parameter);
    }

    /// <summary>A predicate over membership rows of one group, from a filter over <c>value</c> and <c>type</c> (<c>members[value eq "…"]</c>).</summary>
    public static Expression<Func<ScimGroupMemberRecord, bool>> ForMembers(ScimFilter filter)
    {
        var parameter = Expression.Parameter(typeof(ScimGroupMemberRecord), "m");
        return Expression.Lambda<Func<ScimGroupMemberRecord, bool>>(TranslateMember(filter, parameter, nameof(ScimGroupMemberRecord.MemberId), "members"), parameter);
    }

    private Expression Translate(ScimFilter filter, Target target) => filter switch
    {
        ScimLogicalFilter { Operator: ScimLogicalOperator.And } and => Expression.AndAlso(Translate(and.Left, target), Translate(and.Right, target)),
        ScimLogicalFilter or => Expression.OrElse(Translate(or.Left, target), Translate(or.Right, target)),
        ScimNotFilter not => Expression.Not(Translate(not.Inner, target)),
        ScimValuePathFilter valuePath => TranslateRelated(valuePath.Path, valuePath.Filter, target),
        ScimPresentFilter present => TranslateAttribute(present.Path, null, target),
        ScimComparisonFilter comparison => TranslateAttribute(comparison.Path, comparison, target),
        _ => throw Unsupported("This filter cannot be translated."),
    };

    private Expression TranslateAttribute(ScimAttributePath path, ScimComparisonFilter? comparison, Target target)
    {
        var (_, attribute) = ScimDocument.Resolve(target.Type, path, ScimErrorType.InvalidFilter);
        if (path.SubAttribute is not null && attribute.FindSubAttribute(path.SubAttribute) is null)
        {
            throw Unsupported($"'{path.SubAttribute}' is not a sub-attribute of '{attribute.Name}'.");
        }

        if (IsRelated(target, attribute))
        {
            if (path.SubAttribute is null && comparison is null)
            {
                return Related(target, attribute, Expression.Constant(true));
            }

            var relatedFilter = comparison is null
                ? (ScimFilter)new ScimPresentFilter(new ScimAttributePath(null, path.SubAttribute ?? "value", null))
                : new ScimComparisonFilter(new ScimAttributePath(null, path.SubAttribute ?? "value", null), comparison.Operator, comparison.Value);
            return TranslateRelated(path, relatedFilter, target);
        }

        var key = path.SubAttribute is null ? attribute.Name : attribute.Name + "." + attribute.FindSubAttribute(path.SubAttribute)!.Name;
        if (!target.Columns.TryGetValue(key, out var column))
        {
            throw Unsupported($"Filtering on '{key}' is not supported by this server; filterable attributes of {target.Type.Name}: {string.Join(", ", target.Columns.Keys)}{(target.Type.Kind == ScimResourceKind.User ? ", groups.value" : ", members.value")}.");
        }

        var member = Expression.Property(target.Parameter, column.Property);
        return comparison is null ? Present(member, column.Kind) : Compare(member, column.Kind, comparison, key);
    }

    private Expression TranslateRelated(ScimAttributePath path, ScimFilter inner, Target target)
    {
        var (_, attribute) = ScimDocument.Resolve(target.Type, path, ScimErrorType.InvalidFilter);
        if (!IsRelated(target, attribute))
        {
            throw Unsupported($"Value filters on '{attribute.Name}' are not supported by this server; it filters memberships ({(target.Type.Kind == ScimResourceKind.User ? "groups" : "members")}[value eq \"…\"]) and the attributes listed for {target.Type.Name}.");
        }

        var m = Expression.Parameter(typeof(ScimGroupMemberRecord), "m");
        var otherEnd = target.Type.Kind == ScimResourceKind.User ? nameof(ScimGroupMemberRecord.GroupId) : nameof(ScimGroupMemberRecord.MemberId);
        var predicate = TranslateMember(inner, m, otherEnd, attribute.Name);
        return Related(target, attribute, predicate, m);
    }

    private Expression Related(Target target, ScimAttribute attribute, Expression predicate, ParameterExpression? m = null)
    {
        m ??= Expression.Parameter(typeof(ScimGroupMemberRecord), "m");
        var ownEnd = target.Type.Kind == ScimResourceKind.User ? nameof(ScimGroupMemberRecord.MemberId) : nameof(ScimGroupMemberRecord.GroupId);
        var link = Expression.Equal(Expression.Property(m, ownEnd), Expression.Property(target.Parameter, "Id"));
        var body = Expression.AndAlso(link, predicate);
        var source = Expression.Property(Expression.Constant(this), nameof(Members));
        _ = attribute;
        return Expression.Call(AnyMethod, source, Expression.Lambda<Func<ScimGroupMemberRecord, bool>>(body, m));
    }

    private static bool IsRelated(Target target, ScimAttribute attribute) =>
        (target.Type.Kind == ScimResourceKind.Group && attribute.Name == "members") || (target.Type.Kind == ScimResourceKind.User && attribute.Name == "groups");

    private static Expression TranslateMember(ScimFilter filter, ParameterExpression m, string valueColumn, string attributeName) => filter switch
    {
        ScimLogicalFilter { Operator: ScimLogicalOperator.And } and => Expression.AndAlso(TranslateMember(and.Left, m, valueColumn, attributeName), TranslateMember(and.Right, m, valueColumn, attributeName)),
        ScimLogicalFilter or => Expression.OrElse(TranslateMember(or.Left, m, valueColumn, attributeName), TranslateMember(or.Right, m, valueColumn, attributeName)),
        ScimNotFilter not => Expression.Not(TranslateMember(not.Inner, m, valueColumn, attributeName)),
        ScimPresentFilter present => Present(MemberColumn(present.Path, m, valueColumn, attributeName), ColumnKind.Exact),
        ScimComparisonFilter comparison => Compare(MemberColumn(comparison.Path, m, valueColumn, attributeName), ColumnKind.Exact, comparison, attributeName + "." + comparison.Path.Name),
        _ => throw Unsupported("Value filters cannot be nested."),
    };

    private static MemberExpression MemberColumn(ScimAttributePath path, ParameterExpression m, string valueColumn, string attributeName)
    {
        if (path.SchemaUrn is null && path.SubAttribute is null)
        {
            if (path.Name.Equals("value", StringComparison.OrdinalIgnoreCase))
            {
                return Expression.Property(m, valueColumn);
            }

            if (path.Name.Equals("type", StringComparison.OrdinalIgnoreCase) && valueColumn == nameof(ScimGroupMemberRecord.MemberId))
            {
                return Expression.Property(m, nameof(ScimGroupMemberRecord.MemberType));
            }
        }

        throw Unsupported($"Filters over '{attributeName}' may use 'value'{(valueColumn == nameof(ScimGroupMemberRecord.MemberId) ? " and 'type'" : "")} only, not '{path}'.");
    }

    private static Expression Present(Expression column, ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean or ColumnKind.Time => Expression.Constant(true),
        _ => Expression.AndAlso(
            Expression.NotEqual(column, Expression.Constant(null, typeof(string))),
            Expression.NotEqual(column, Expression.Constant("", typeof(string)))),
    };

    private static Expression Compare(Expression column, ColumnKind kind, ScimComparisonFilter filter, string name)
    {
        switch (kind)
        {
            case ColumnKind.Boolean:
                var flag = filter.Value switch
                {
                    bool b => b,
                    string s when bool.TryParse(s, out var parsed) => parsed,
                    _ => throw Unsupported($"'{name}' is a boolean: compare it with true or false."),
                };
                return filter.Operator switch
                {
                    ScimComparisonOperator.Equal => Expression.Equal(column, Parameter(flag)),
                    ScimComparisonOperator.NotEqual => Expression.NotEqual(column, Parameter(flag)),
                    _ => throw Unsupported($"'{name}' is a boolean: only 'eq' and 'ne' apply."),
                };
            case ColumnKind.Time:
                if (filter.Value is not string text
                    || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    throw Unsupported($"'{name}' is a date-time: compare it with a quoted xsd:dateTime such as \"2024-01-31T12:00:00Z\".");
                }

                var when = Parameter(time.UtcDateTime);
                return filter.Operator switch
                {
                    ScimComparisonOperator.Equal => Expression.Equal(column, when),
                    ScimComparisonOperator.NotEqual => Expression.NotEqual(column, when),
                    ScimComparisonOperator.GreaterThan => Expression.GreaterThan(column, when),
                    ScimComparisonOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(column, when),
                    ScimComparisonOperator.LessThan => Expression.LessThan(column, when),
                    ScimComparisonOperator.LessThanOrEqual => Expression.LessThanOrEqual(column, when),
                    _ => throw Unsupported($"'{name}' is a date-time: 'co', 'sw' and 'ew' do not apply."),
                };
        }

        if (filter.Value is null)
        {
            return filter.Operator switch
            {
                ScimComparisonOperator.Equal => Expression.Equal(column, Expression.Constant(null, typeof(string))),
                ScimComparisonOperator.NotEqual => Expression.NotEqual(column, Expression.Constant(null, typeof(string))),
                _ => throw Unsupported($"Only 'eq' and 'ne' compare '{name}' with null."),
            };
        }

        var raw = filter.Value switch
        {
            string s => s,
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ => throw Unsupported($"'{name}' is a string: compare it with a quoted value."),
        };
        var value = Parameter(kind == ColumnKind.Key ? raw.ToUpperInvariant() : raw);
        return filter.Operator switch
        {
            ScimComparisonOperator.Equal => Expression.Equal(column, value),
            ScimComparisonOperator.NotEqual => Expression.NotEqual(column, value),
            ScimComparisonOperator.Contains => NotNullAnd(column, Expression.Call(column, StringContains, value)),
            ScimComparisonOperator.StartsWith => NotNullAnd(column, Expression.Call(column, StringStartsWith, value)),
            ScimComparisonOperator.EndsWith => NotNullAnd(column, Expression.Call(column, StringEndsWith, value)),
            ScimComparisonOperator.GreaterThan => Expression.GreaterThan(Expression.Call(StringCompare, column, value), Expression.Constant(0)),
            ScimComparisonOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(Expression.Call(StringCompare, column, value), Expression.Constant(0)),
            ScimComparisonOperator.LessThan => Expression.LessThan(Expression.Call(StringCompare, column, value), Expression.Constant(0)),
            _ => Expression.LessThanOrEqual(Expression.Call(StringCompare, column, value), Expression.Constant(0)),
        };
    }

    private static Expression NotNullAnd(Expression column, Expression condition) =>
        Expression.AndAlso(Expression.NotEqual(column, Expression.Constant(null, typeof(string))), condition);

    /// <summary>A value read from a closure field, so EF sends it as a SQL parameter (one plan for every value).</summary>
    private static MemberExpression Parameter<T>(T value) => Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private static ScimException Unsupported(string detail) => ScimException.BadRequest(ScimErrorType.InvalidFilter, detail);

    private sealed record Column(string Property, ColumnKind Kind);

    private sealed record Target(ScimResourceType Type, ParameterExpression Parameter, Dictionary<string, Column> Columns);

    private sealed class Box<T>(T value)
    {
#pragma warning disable SA1401, CA1051 // A field, so that the expression reads like a captured closure variable.
        public readonly T Value = value;
#pragma warning restore SA1401, CA1051
    }
}
