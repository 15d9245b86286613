namespace Tenancy.Members;

/// <summary>The permissions the built-in roles use. Tenant-defined roles may use these and any other names.</summary>
public static class TenantPermissions
{
    /// <summary>Add, change and remove members; send invitations.</summary>
    public const string MembersManage = "members.manage";

    /// <summary>Create, rotate and revoke API keys.</summary>
    public const string ApiKeysManage = "apikeys.manage";

    /// <summary>Read and export the audit log.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Read the tenant's data.</summary>
    public const string DataRead = "data.read";

    /// <summary>Write the tenant's data.</summary>
    public const string DataWrite = "data.write";

    /// <summary>Read billing.</summary>
    public const string BillingRead = "billing.read";

    /// <summary>Manage billing.</summary>
    public const string BillingManage = "billing.manage";
}
