using EligibilityEngine.Host;
using EligibilityEngine.Tests.Grpc;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// The host's whole pipeline (security, problem responses, the service, the pages) on an in-memory server, for tests of
/// what a call answers, where a real socket adds nothing. As a class fixture it is one host for the whole test run,
/// shared by every class that only reads (the checkout's rules, an audit store of its own), started on first use;
/// <see cref="StartOwnAsync"/> starts one with other settings. Tests of sockets, TLS, limits Kestrel enforces and the
/// host's lifecycle use <see cref="RunningHost"/>.
/// </summary>
public sealed class InProcessHost : IAsyncLifetime, IAsyncDisposable
{
    private static readonly Lazy<Task<InProcessHost>> Shared = new(async () =>
    {
        var host = await StartOwnAsync();
        // The shared host lives as long as the test run; its audit folder goes with it (an open file can be removed here).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(host._auditFolder!, recursive: true);
        return host;
    });

    private WebApplication? _app;
    private string? _auditFolder;
    private bool _owned;

    public GrpcChannel Channel { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>An HTTP client for the JSON API and the pages.</summary>
    public HttpClient CreateHttp() => _app!.GetTestServer().CreateClient();

    public async Task InitializeAsync()
    {
        var shared = await Shared.Value;
        (_app, Channel) = (shared._app, shared.Channel);
    }

    /// <summary>A host of its own on the checkout's rules, with <paramref name="settings"/> after the tests' defaults.</summary>
    public static async Task<InProcessHost> StartOwnAsync(params string[] settings)
    {
        var host = new InProcessHost { _owned = true, _auditFolder = Directory.CreateTempSubdirectory("ee-audit-").FullName };
        host._app = EligibilityHost.Build(
            [.. RunningHost.Settings(RepositoryPaths.Rules, watchForChanges: false, Path.Combine(host._auditFolder, "decisions.db")), .. settings],
            server: web => web.UseTestServer());
        await host._app.StartAsync();
        var server = host._app.GetTestServer();
        host.Channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        await RunningHost.WaitUntilServingAsync(host.Channel);
        return host;
    }

    /// <summary>A class fixture leaves the shared host running; a host of its own stops.</summary>
    public Task DisposeAsync() => _owned ? StopAsync() : Task.CompletedTask;

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task StopAsync()
    {
        Channel.Dispose();
        await _app!.DisposeAsync();
        Directory.Delete(_auditFolder!, recursive: true);
    }
}
