using Microsoft.Extensions.Options;

namespace Tenancy.Storage.Serving;

/// <summary>
/// Validates <see cref="ObjectServingOptions"/> at start-up: every entry is a bare <c>type/subtype</c>, and no active type
/// (HTML, SVG, XML, JavaScript, CSS…) is allowed inline or labelled. Hand-written: the rule is a computation over set
/// entries, which DataAnnotations cannot express.
/// </summary>
public sealed class ObjectServingOptionsValidator : IValidateOptions<ObjectServingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ObjectServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(nameof(ObjectServingOptions.InlineContentTypes), options.InlineContentTypes, failures);
        Check(nameof(ObjectServingOptions.DownloadContentTypes), options.DownloadContentTypes, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string member, IEnumerable<string> types, List<string> failures)
    {
        foreach (var type in types)
        {
            if (type is null || !ObjectServingPolicy.IsMediaType(type))
            {
                failures.Add($"ObjectServingOptions.{member}: '{type}' is not a media type (type/subtype, no parameters).");
            }
            else if (ObjectServingPolicy.IsActiveContentType(type))
            {
                failures.Add($"ObjectServingOptions.{member}: '{type}' is active content (it can run script) and is always served as an octet-stream attachment.");
            }
        }
    }
}
