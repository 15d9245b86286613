using Microsoft.Extensions.Options;

namespace Tenancy.EntityFramework.PostgreSql;

/// <summary>Validates <see cref="PostgreSqlBackplaneOptions"/> (source-generated from its data annotations).</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlBackplaneOptionsValidator : IValidateOptions<PostgreSqlBackplaneOptions>;
