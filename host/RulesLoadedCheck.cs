using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EligibilityEngine.Host;

/// <summary>
/// Healthy (SERVING) once the rule sets are loaded and compiled. Degraded — still SERVING, with the last good rule
/// sets — when a later change to the rules folder was refused, so a platform team sees it on the health endpoint.
/// </summary>
public sealed class RulesLoadedCheck(RuleLibraryHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((holder.Library, holder.LastFailure) switch
        {
            (null, _) => HealthCheckResult.Unhealthy("rule sets not loaded"),
            (_, { } failure) => HealthCheckResult.Degraded(
                $"a change to the rules folder was refused at {failure.At:u} with {failure.Errors.Count} error(s); serving the rule sets loaded before"),
            _ => HealthCheckResult.Healthy(),
        });
}
