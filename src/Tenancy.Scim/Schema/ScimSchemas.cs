namespace Tenancy.Scim.Schema;

/// <summary>
/// The schema definitions this server implements: the RFC 7643 User (with the enterprise extension) and Group, plus the
/// common attributes. Discovery (<c>/Schemas</c>, <c>/ResourceTypes</c>) is generated from them and requests are
/// validated against them.
/// </summary>
public static class ScimSchemas
{
    /// <summary>The core User schema URN.</summary>
    public const string UserSchemaId = "urn:ietf:params:scim:schemas:core:2.0:User";

    /// <summary>The enterprise User extension URN.</summary>
    public const string EnterpriseUserSchemaId = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>The core Group schema URN.</summary>
    public const string GroupSchemaId = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary>The ListResponse message URN.</summary>
    public const string ListResponseId = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    /// <summary>The PatchOp message URN.</summary>
    public const string PatchOpId = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /// <summary>The Error message URN.</summary>
    public const string ErrorId = "urn:ietf:params:scim:api:messages:2.0:Error";

    /// <summary>The common <c>id</c> attribute: issued by the server, always returned, case-exact.</summary>
    public static ScimAttribute Id { get; } = new("id", ScimAttributeType.String)
    {
        Description = "Unique identifier for the resource, assigned by the service provider.",
        CaseExact = true,
        Mutability = ScimMutability.ReadOnly,
        Returned = ScimReturned.Always,
        Uniqueness = ScimUniqueness.Server,
    };

    /// <summary>The common <c>externalId</c> attribute: the provisioning client's identifier, case-exact.</summary>
    public static ScimAttribute ExternalId { get; } = new("externalId", ScimAttributeType.String)
    {
        Description = "An identifier for the resource as defined by the provisioning client.",
        CaseExact = true,
    };

    /// <summary>The common <c>meta</c> attribute (read-only).</summary>
    public static ScimAttribute Meta { get; } = new("meta", ScimAttributeType.Complex)
    {
        Description = "Resource metadata.",
        Mutability = ScimMutability.ReadOnly,
        SubAttributes =
        [
            ReadOnlyString("resourceType", caseExact: true),
            new("created", ScimAttributeType.DateTime) { Mutability = ScimMutability.ReadOnly },
            new("lastModified", ScimAttributeType.DateTime) { Mutability = ScimMutability.ReadOnly },
            new("location", ScimAttributeType.Reference) { Mutability = ScimMutability.ReadOnly, CaseExact = true, ReferenceTypes = ["uri"] },
            ReadOnlyString("version", caseExact: true),
        ],
    };

    /// <summary>The core User schema.</summary>
    public static ScimSchema User { get; } = new(UserSchemaId, "User", "User Account",
    [
        new("userName", ScimAttributeType.String)
        {
            Description = "Unique identifier for the User, used to authenticate. Unique per tenant, compared without case.",
            Required = true,
            Uniqueness = ScimUniqueness.Server,
        },
        new("name", ScimAttributeType.Complex)
        {
            Description = "The components of the user's real name.",
            SubAttributes =
            [
                Text("formatted"), Text("familyName"), Text("givenName"), Text("middleName"), Text("honorificPrefix"), Text("honorificSuffix"),
            ],
        },
        Text("displayName"),
        Text("nickName"),
        new("profileUrl", ScimAttributeType.Reference) { ReferenceTypes = ["external"] },
        Text("title"),
        Text("userType"),
        Text("preferredLanguage"),
        Text("locale"),
        Text("timezone"),
        new("active", ScimAttributeType.Boolean) { Description = "Whether the user is active." },
        new("password", ScimAttributeType.String)
        {
            Description = "Accepted on write and never stored or returned.",
            Mutability = ScimMutability.WriteOnly,
            Returned = ScimReturned.Never,
        },
        MultiValued("emails", ["work", "home", "other"]),
        MultiValued("phoneNumbers", ["work", "home", "mobile", "fax", "pager", "other"]),
        MultiValued("ims", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
        MultiValued("photos", ["photo", "thumbnail"]),
        new("addresses", ScimAttributeType.Complex)
        {
            MultiValued = true,
            Description = "A physical mailing address for this user.",
            SubAttributes =
            [
                Text("formatted"), Text("streetAddress"), Text("locality"), Text("region"), Text("postalCode"), Text("country"),
                new("type", ScimAttributeType.String) { CanonicalValues = ["work", "home", "other"] },
                new("primary", ScimAttributeType.Boolean),
            ],
        },
        new("groups", ScimAttributeType.Complex)
        {
            MultiValued = true,
            Description = "The groups the user belongs to, derived from group membership.",
            Mutability = ScimMutability.ReadOnly,
            SubAttributes =
            [
                ReadOnlyString("value", caseExact: true),
                new("$ref", ScimAttributeType.Reference) { Mutability = ScimMutability.ReadOnly, CaseExact = true, ReferenceTypes = ["Group"] },
                ReadOnlyString("display", caseExact: false),
                new("type", ScimAttributeType.String) { Mutability = ScimMutability.ReadOnly, CanonicalValues = ["direct", "indirect"] },
            ],
        },
        MultiValued("entitlements", []),
        MultiValued("roles", []),
        MultiValued("x509Certificates", []),
    ]);

    /// <summary>The enterprise User extension.</summary>
    public static ScimSchema EnterpriseUser { get; } = new(EnterpriseUserSchemaId, "EnterpriseUser", "Enterprise User",
    [
        Text("employeeNumber"),
        Text("costCenter"),
        Text("organization"),
        Text("division"),
        Text("department"),
        new("manager", ScimAttributeType.Complex)
        {
            Description = "The user's manager. A bare id string is accepted as the manager's value.",
            SubAttributes =
            [
                new("value", ScimAttributeType.String) { CaseExact = true },
                new("$ref", ScimAttributeType.Reference) { CaseExact = true, ReferenceTypes = ["User"] },
                new("displayName", ScimAttributeType.String) { Mutability = ScimMutability.ReadOnly },
            ],
        },
    ]);

    /// <summary>The core Group schema.</summary>
    public static ScimSchema Group { get; } = new(GroupSchemaId, "Group", "Group",
    [
        new("displayName", ScimAttributeType.String) { Description = "A human-readable name for the Group.", Required = true },
        new("members", ScimAttributeType.Complex)
        {
            MultiValued = true,
            Description = "A list of members of the Group (users or groups), kept as one row per member.",
            SubAttributes =
            [
                new("value", ScimAttributeType.String) { CaseExact = true, Mutability = ScimMutability.Immutable },
                new("$ref", ScimAttributeType.Reference) { CaseExact = true, Mutability = ScimMutability.Immutable, ReferenceTypes = ["User", "Group"] },
                new("display", ScimAttributeType.String) { Mutability = ScimMutability.ReadOnly },
                new("type", ScimAttributeType.String) { Mutability = ScimMutability.Immutable, CanonicalValues = ["User", "Group"] },
            ],
        },
    ]);

    /// <summary>The User resource type (core schema + enterprise extension).</summary>
    public static ScimResourceType UserResourceType { get; } = new(ScimResourceKind.User, "User", "/Users", "User Account", User, [EnterpriseUser]);

    /// <summary>The Group resource type.</summary>
    public static ScimResourceType GroupResourceType { get; } = new(ScimResourceKind.Group, "Group", "/Groups", "Group", Group, []);

    /// <summary>Every resource type.</summary>
    public static IReadOnlyList<ScimResourceType> ResourceTypes { get; } = [UserResourceType, GroupResourceType];

    /// <summary>Every schema.</summary>
    public static IReadOnlyList<ScimSchema> All { get; } = [User, EnterpriseUser, Group];

    /// <summary>The resource type of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The resource type.</returns>
    public static ScimResourceType For(ScimResourceKind kind) => kind == ScimResourceKind.User ? UserResourceType : GroupResourceType;

    /// <summary>Finds a common attribute (<c>id</c>, <c>externalId</c>, <c>meta</c>) by name, ignoring case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The attribute, or <see langword="null"/>.</returns>
    public static ScimAttribute? FindCommonAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return Id;
        }

        if (name.Equals("externalId", StringComparison.OrdinalIgnoreCase))
        {
            return ExternalId;
        }

        return name.Equals("meta", StringComparison.OrdinalIgnoreCase) ? Meta : null;
    }

    private static ScimAttribute Text(string name) => new(name, ScimAttributeType.String);

    private static ScimAttribute ReadOnlyString(string name, bool caseExact) =>
        new(name, ScimAttributeType.String) { Mutability = ScimMutability.ReadOnly, CaseExact = caseExact };

    private static ScimAttribute MultiValued(string name, IReadOnlyList<string> types) => new(name, ScimAttributeType.Complex)
    {
        MultiValued = true,
        SubAttributes =
        [
            Text("value"),
            Text("display"),
            new("type", ScimAttributeType.String) { CanonicalValues = types },
            new("primary", ScimAttributeType.Boolean),
        ],
    };
}
