using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EligibilityEngine.Host;

/// <summary>
/// <c>GET /health</c>: the same checks the gRPC health service answers for, with why — a platform team reads here that
/// the rules folder refused a change or that the Logboek is unreachable and how many records wait. Open, as the gRPC
/// health service is; nothing in it is about a person.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public static void Map(WebApplication app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = Write }).AllowAnonymous().DisableRateLimiting();

    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }));
    }
}
