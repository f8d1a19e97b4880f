using EligibilityEngine.GrpcHost;
using EligibilityEngine.Tests.Support;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>The real host on Kestrel, bound to free ports on 127.0.0.1 (gRPC over HTTP/2, JSON over HTTP/1.1),
/// shared by the gRPC tests.</summary>
public sealed class RunningHost : IAsyncLifetime
{
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>The JSON (transcoding) endpoint, e.g. http://127.0.0.1:PORT.</summary>
    public Uri JsonAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int grpcPort = FreePort(), jsonPort = FreePort();
        _app = EligibilityHost.Build(
        [
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}",
            $"--Kestrel:Endpoints:Json:Url=http://127.0.0.1:{jsonPort}",
            $"--Rules:Directory={RepositoryPaths.Rules}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        JsonAddress = new Uri($"http://127.0.0.1:{jsonPort}");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
