namespace Tenancy.Sample.Host.Console;

/// <summary>The console's authorization policies (cookie session only).</summary>
public static class ConsolePolicies
{
    /// <summary>A platform operator on the root host: <c>/admin/tenants…</c>.</summary>
    public const string PlatformAdmin = "Console.PlatformAdmin";

    /// <summary>An owner or admin of the request's tenant whose session is for that tenant: <c>acme.localhost/admin/…</c>.</summary>
    public const string TenantAdmin = "Console.TenantAdmin";

    /// <summary>Anyone signed in to the console (the landing page sends them on).</summary>
    public const string SignedIn = "Console.SignedIn";
}
