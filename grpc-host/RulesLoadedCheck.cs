using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EligibilityEngine.GrpcHost;

/// <summary>Healthy (SERVING) once the rule sets are loaded and compiled.</summary>
public sealed class RulesLoadedCheck(RuleLibraryHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(holder.Library is null ? HealthCheckResult.Unhealthy("rule sets not loaded") : HealthCheckResult.Healthy());
}
