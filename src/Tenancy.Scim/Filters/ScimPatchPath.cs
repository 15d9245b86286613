using System.Text;

namespace Tenancy.Scim.Filters;

/// <summary>A PATCH <c>path</c> (RFC 7644 §3.5.2): <c>attrPath</c> or <c>valuePath [ "." subAttr ]</c>, e.g. <c>emails[type eq "work"].value</c>.</summary>
public sealed class ScimPatchPath
{
    /// <summary>Creates a path.</summary>
    /// <param name="attribute">The attribute (with its sub-attribute when no value filter is given).</param>
    /// <param name="valueFilter">The value filter, or <see langword="null"/>.</param>
    /// <param name="subAttribute">The sub-attribute after the value filter, or <see langword="null"/>.</param>
    public ScimPatchPath(ScimAttributePath attribute, ScimFilter? valueFilter, string? subAttribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        Attribute = attribute;
        ValueFilter = valueFilter;
        SubAttribute = subAttribute;
    }

    /// <summary>The attribute.</summary>
    public ScimAttributePath Attribute { get; }

    /// <summary>The value filter, or <see langword="null"/>.</summary>
    public ScimFilter? ValueFilter { get; }

    /// <summary>The sub-attribute targeted: after the value filter, or the attribute path's own sub-attribute.</summary>
    public string? SubAttribute { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder().Append(Attribute);
        if (ValueFilter is not null)
        {
            text.Append('[').Append(ValueFilter).Append(']');
            if (SubAttribute is not null)
            {
                text.Append('.').Append(SubAttribute);
            }
        }

        return text.ToString();
    }
}
