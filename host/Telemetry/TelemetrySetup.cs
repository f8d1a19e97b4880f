using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EligibilityEngine.Host.Telemetry;

/// <summary>
/// OpenTelemetry export over OTLP, configured by the standard settings (OTEL_EXPORTER_OTLP_ENDPOINT,
/// OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME, …) and off when no endpoint is set: the host's own spans and metrics
/// (<see cref="DecisionTelemetry"/>) and ASP.NET Core's (requests, routes, durations; bodies are never attributes).
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[EndpointSetting])) return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "eligibility-engine"))
            .WithTracing(tracing => tracing.AddSource(DecisionTelemetry.Name).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(DecisionTelemetry.Name).AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
    }

    public static void Report(WebApplication app)
    {
        if (string.IsNullOrEmpty(app.Configuration[EndpointSetting])) app.Logger.LogInformation("Telemetry export off: {Setting} is not set", EndpointSetting);
        else app.Logger.LogInformation("Telemetry exported over OTLP to the endpoint in {Setting}", EndpointSetting);
    }
}
