using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EligibilityEngine.Host.Audit.Logboek;

/// <summary>
/// Degraded — still SERVING: decisions are recorded here, and shipped later — while the Logboek cannot be reached or
/// refuses, with why and how many records wait; Healthy with the backlog otherwise.
/// </summary>
public sealed class LogboekShippingCheck(ShippingStatus status, Microsoft.Extensions.Options.IOptions<AuditOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["backlog"] = status.Backlog, ["leading"] = status.Leading };
        var endpoint = options.Value.Logboek.Endpoint;
        return Task.FromResult(status.Failure is { } failure
            ? HealthCheckResult.Degraded($"Logboek {endpoint} has acknowledged nothing since {failure.Since:u}: {failure.Reason}; {status.Backlog} record(s) kept to ship", data: data)
            : HealthCheckResult.Healthy($"Logboek {endpoint}: {status.Backlog} record(s) to ship", data));
    }
}
