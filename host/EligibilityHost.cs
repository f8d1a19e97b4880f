using EligibilityEngine.Host.Services;

namespace EligibilityEngine.Host;

/// <summary>Wires the host: configuration, the rule library, gRPC services, health and reflection.</summary>
public static class EligibilityHost
{
    /// <summary>The gRPC service's full name, also the name the health service answers for.</summary>
    public static readonly string V1ServiceName = Grpc.V1.EligibilityService.Descriptor.FullName;

    /// <param name="logging">Adds log providers (e.g. one that ships to the platform's collector; the tests' capture).</param>
    /// <param name="server">Replaces Kestrel (the benchmarks' in-memory server measures the pipeline without sockets).</param>
    /// <param name="time">The one clock the host reads (the system's unless a test fixes the time).</param>
    public static WebApplication Build(string[] args, Action<ILoggingBuilder>? logging = null, Action<IWebHostBuilder>? server = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        // appsettings.json is read from the host's own folder, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(Json.RequestSizeLimits.Configure);
        server?.Invoke(builder.WebHost);
        builder.Services.AddSingleton(time);
        builder.Services.Configure<RulesOptions>(builder.Configuration.GetSection(RulesOptions.Section));
        builder.Services.Configure<EngineOptions>(builder.Configuration.GetSection(EngineOptions.Section));
        // On SIGTERM/Ctrl+C Kestrel stops accepting calls and lets the calls in flight finish, for at most this long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Shutdown:TimeoutSeconds", 30)));
        builder.Services.Configure<ImpactOptions>(builder.Configuration.GetSection(ImpactOptions.Section));
        builder.Services.Configure<OpenApi.OpenApiOptions>(builder.Configuration.GetSection(OpenApi.OpenApiOptions.Section));
        builder.Services.AddSingleton<RuleLibraryHolder>();
        builder.Services.AddSingleton<PrecomputedResults>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RuleLibraryHolder>());
        // A request larger than this is refused before it is read (configurable: Grpc:MaxReceiveMessageBytes): on gRPC
        // with RESOURCE_EXHAUSTED, on the JSON port with 413 (JsonRequestMiddleware).
        var maxBytes = builder.Configuration.GetValue("Grpc:MaxReceiveMessageBytes", 1024 * 1024);
        logging?.Invoke(builder.Logging);
        var security = Security.SecuritySetup.AddServices(builder, time);
        Telemetry.TelemetrySetup.Add(builder);
        Audit.AuditSetup.AddServices(builder);
        Web.WebSetup.AddServices(builder);
        builder.Services.PostConfigure<LoggerFilterOptions>(PersonalDataSafeLogging.Enforce);
        // The JSON endpoint renders error details too, so it must know the google.rpc.BadRequest type.
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = maxBytes)
            .AddJsonTranscoding(options => options.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(Google.Rpc.BadRequest.Descriptor));
        builder.Services.AddGrpcReflection();
        // The overall health ("") and the service by its name, as load balancers and grpc-health-probe ask for it.
        builder.Services.AddGrpcHealthChecks(health =>
        {
            health.Services.Map("", _ => true);
            health.Services.Map(V1ServiceName, _ => true);
        }).AddCheck<RulesLoadedCheck>("rules");

        var app = builder.Build();
        Audit.AuditSetup.Open(app);
        Security.SecuritySetup.Report(app, security);
        Telemetry.TelemetrySetup.Report(app);
        RequestPipeline.Use(app, maxBytes);
        Security.SecuritySetup.RequireScopes(app.MapGrpcService<EligibilityGrpcService>());
        // Open to everyone, and never rate-limited: load balancers and tools must always be able to ask.
        app.MapGrpcHealthChecksService().DisableRateLimiting();
        app.MapGrpcReflectionService().DisableRateLimiting();
        HealthEndpoint.Map(app);
        OpenApi.OpenApiEndpoint.Map(app);
        Web.WebSetup.Map(app);
        return app;
    }
}
