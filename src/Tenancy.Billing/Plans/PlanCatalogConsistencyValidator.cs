using Microsoft.Extensions.Options;

namespace Tenancy.Billing.Plans;

/// <summary>Validates what spans fields of <see cref="PlanCatalogOptions"/>: unique ids, known meters, ceilings above limits, a known default plan.</summary>
internal sealed class PlanCatalogConsistencyValidator : IValidateOptions<PlanCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, PlanCatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var meters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var meter in options.Meters)
        {
            if (!meters.Add(meter.Name))
            {
                errors.Add($"Meters: the meter '{meter.Name}' is defined twice.");
            }
        }

        var plans = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in options.Plans)
        {
            if (!plans.Add(plan.Id))
            {
                errors.Add($"Plans: the plan '{plan.Id}' is defined twice.");
            }

            var limited = new HashSet<string>(StringComparer.Ordinal);
            foreach (var limit in plan.Limits)
            {
                var where = $"Plans[{plan.Id}].Limits[{limit.Meter}]";
                if (!meters.Contains(limit.Meter))
                {
                    errors.Add($"{where}.Meter: the meter '{limit.Meter}' is not defined in Meters.");
                }

                if (!limited.Add(limit.Meter))
                {
                    errors.Add($"{where}: the plan limits the meter twice.");
                }

                if (limit.Ceiling is { } ceiling && (limit.Kind != LimitKind.Soft || ceiling < limit.Limit))
                {
                    errors.Add($"{where}.Ceiling: a ceiling needs Kind Soft and must be at least Limit ({limit.Limit}).");
                }

                if (limit.Included is { } included && included > limit.Limit && limit.Kind == LimitKind.Hard && !limit.Unlimited)
                {
                    errors.Add($"{where}.Included: the included quantity exceeds the hard limit.");
                }
            }
        }

        if (options.DefaultPlan is { } defaultPlan && !plans.Contains(defaultPlan))
        {
            errors.Add($"DefaultPlan: the plan '{defaultPlan}' is not defined in Plans.");
        }

        foreach (var threshold in options.AlertThresholds)
        {
            if (threshold is < 1 or > 1000)
            {
                errors.Add($"AlertThresholds: {threshold} is not between 1 and 1000 percent.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
