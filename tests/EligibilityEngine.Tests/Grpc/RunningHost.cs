using EligibilityEngine.GrpcHost;
using EligibilityEngine.Tests.Support;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>The real host on Kestrel, bound to 127.0.0.1 on a free port, shared by the gRPC tests.</summary>
public sealed class RunningHost : IAsyncLifetime
{
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = EligibilityHost.Build(
        [
            "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0",
            $"--Rules:Directory={RepositoryPaths.Rules}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Channel = GrpcChannel.ForAddress(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
