using EligibilityEngine.GrpcHost.Services;

namespace EligibilityEngine.GrpcHost;

/// <summary>Wires the host: configuration, the rule library, gRPC services, health and reflection.</summary>
public static class EligibilityHost
{
    public static WebApplication Build(string[] args)
    {
        // appsettings.json is read from the host's own folder, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.Configure<RulesOptions>(builder.Configuration.GetSection(RulesOptions.Section));
        builder.Services.Configure<EngineOptions>(builder.Configuration.GetSection(EngineOptions.Section));
        // On SIGTERM/Ctrl+C Kestrel stops accepting calls and lets the calls in flight finish, for at most this long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Shutdown:TimeoutSeconds", 30)));
        builder.Services.Configure<ImpactOptions>(builder.Configuration.GetSection(ImpactOptions.Section));
        builder.Services.AddSingleton<RuleLibraryHolder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RuleLibraryHolder>());
        // A request larger than this is refused with RESOURCE_EXHAUSTED before it is read (configurable: Grpc:MaxReceiveMessageBytes).
        var maxBytes = builder.Configuration.GetValue("Grpc:MaxReceiveMessageBytes", 1024 * 1024);
        // The JSON endpoint renders error details too, so it must know the google.rpc.BadRequest type.
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = maxBytes)
            .AddJsonTranscoding(options => options.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(Google.Rpc.BadRequest.Descriptor));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<RulesLoadedCheck>("rules");

        var app = builder.Build();
        app.MapGrpcService<EligibilityGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
