using Microsoft.Extensions.Options;

namespace Tenancy.Members;

/// <summary>Validates <see cref="TenantMembershipOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class TenantMembershipOptionsValidator : IValidateOptions<TenantMembershipOptions>;
