namespace Tenancy.Members;

/// <summary>A role and the permissions it grants. <c>*</c> grants every permission.</summary>
/// <param name="Name">The role name: 1 to 50 lowercase ASCII letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
/// <param name="Permissions">The permissions (dotted names such as <c>members.manage</c>).</param>
public sealed record TenantRole(string Name, IReadOnlyList<string> Permissions)
{
    /// <summary>Returns whether <paramref name="name"/> can name a role or permission.</summary>
    /// <param name="name">The candidate.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool IsValidName(string? name)
    {
        if (name is null || name.Length is 0 or > 50)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.' or '*'))
            {
                return false;
            }
        }

        return true;
    }
}
