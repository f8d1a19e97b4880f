using System.Security.Cryptography.X509Certificates;
using EligibilityEngine.Host;
using EligibilityEngine.Tests.Support;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>The real host on Kestrel, bound to free ports on 127.0.0.1 (gRPC over HTTP/2, JSON over HTTP/1.1).
/// As a class fixture it is one host on the checkout's rules for the whole test run, shared by every class that only
/// reads (started on first use, so that Chromium's pages, HTTP/1.1 and HTTP/2 are tested without starting a host per
/// class); <see cref="StartAsync"/> and the other Start methods start one of its own.</summary>
public sealed class RunningHost : IAsyncLifetime, IAsyncDisposable
{
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>The gRPC endpoint, e.g. http://127.0.0.1:PORT.</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    /// <summary>The JSON (transcoding) endpoint, e.g. http://127.0.0.1:PORT.</summary>
    public Uri JsonAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>This host's own audit store: a SQLite file in a folder of its own, unless the settings name another.</summary>
    public string AuditStore { get; private set; } = null!;

    private string? _auditFolder;

    private static readonly Lazy<Task<RunningHost>> Shared = new(async () =>
    {
        var host = new RunningHost();
        await host.StartOnAsync(RepositoryPaths.Rules, watchForChanges: false);
        // The shared host lives as long as the test run; its audit folder goes with it (an open file can be removed here).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(host._auditFolder!, recursive: true);
        return host;
    });

    /// <summary>A host started for one test or class, stopped when it is disposed; the shared one is never.</summary>
    private bool _owned;

    public async Task InitializeAsync()
    {
        var shared = await Shared.Value;
        (_app, Channel, GrpcAddress, JsonAddress, AuditStore) = (shared._app, shared.Channel, shared.GrpcAddress, shared.JsonAddress, shared.AuditStore);
    }

    /// <summary>A host of its own, for a test that changes its rules folder or stops it.</summary>
    public static async Task<RunningHost> StartAsync(string rulesDirectory, params string[] settings)
    {
        var host = new RunningHost { _owned = true };
        await host.StartOnAsync(rulesDirectory, watchForChanges: true, settings);
        return host;
    }

    /// <summary>A host of its own on the checkout's rules that logs everything, at every level, into <paramref name="logs"/>.</summary>
    public static async Task<RunningHost> StartLoggingAsync(ILoggerProvider logs, params string[] settings)
    {
        var host = new RunningHost { _owned = true, _logs = logs };
        await host.StartOnAsync(RepositoryPaths.Rules, watchForChanges: false, ["--Logging:LogLevel:Default=Trace", "--Logging:Console:LogLevel:Default=Warning", .. settings]);
        return host;
    }

    /// <summary>
    /// A host as a municipality reaches it: TLS with the test CA's server certificate on both ports, client
    /// certificates checked against that CA, and tokens from <paramref name="tokens"/> (unless <paramref name="settings"/>
    /// say otherwise). <see cref="Channel"/> and <see cref="Http"/> present the municipality's certificate.
    /// </summary>
    public static async Task<RunningHost> StartSecuredAsync(TestPki pki, TestTokens tokens, params string[] settings)
    {
        var host = new RunningHost { _owned = true, _pki = pki };
        await host.StartOnAsync(RepositoryPaths.Rules, watchForChanges: false,
        [
            "--Security:ClientCertificates:TrustAnchorFile=" + pki.TrustAnchorFile,
            "--Security:Jwt:Issuer=" + TestTokens.Issuer,
            "--Security:Jwt:Audience=" + TestTokens.Audience,
            "--Security:Jwt:JwksFile=" + tokens.JwksFile,
            .. settings,
        ]);
        return host;
    }

    /// <summary>A host of its own on the checkout's rules whose clock reads <paramref name="time"/>.</summary>
    public static async Task<RunningHost> StartAtAsync(TimeProvider time)
    {
        var host = new RunningHost { _owned = true, _time = time };
        await host.StartOnAsync(RepositoryPaths.Rules, watchForChanges: false);
        return host;
    }

    private ILoggerProvider? _logs;
    private TestPki? _pki;
    private TimeProvider? _time;

    private async Task StartOnAsync(string rulesDirectory, bool watchForChanges, params string[] settings)
    {
        // A test that must know the gRPC port before the host starts (to name it in another setting) gives its URL.
        var givenGrpcPort = settings.LastOrDefault(s => s.StartsWith(GrpcUrl, StringComparison.Ordinal)) is { } url ? new Uri(url[GrpcUrl.Length..]).Port : (int?)null;
        _auditFolder = Directory.CreateTempSubdirectory("ee-audit-").FullName;
        AuditStore = settings.LastOrDefault(s => s.StartsWith("--Audit:Store=", StringComparison.Ordinal))?["--Audit:Store=".Length..]
                     ?? Path.Combine(_auditFolder, "decisions.db");
        var scheme = _pki is null ? "http" : "https";
        string[] tls = _pki is null ? [] :
        [
            "--Kestrel:Endpoints:Grpc:Certificate:Path=" + _pki.ServerCertificateFile,
            "--Kestrel:Endpoints:Grpc:Certificate:KeyPath=" + _pki.ServerKeyFile,
            "--Kestrel:Endpoints:Json:Certificate:Path=" + _pki.ServerCertificateFile,
            "--Kestrel:Endpoints:Json:Certificate:KeyPath=" + _pki.ServerKeyFile,
        ];
        int grpcPort, jsonPort;
        for (var attempt = 1; ; attempt++)
        {
            (grpcPort, jsonPort) = (givenGrpcPort ?? FreePort(), FreePort());
            _app = EligibilityHost.Build(
            [
                $"{GrpcUrl}{scheme}://127.0.0.1:{grpcPort}",
                $"--Kestrel:Endpoints:Json:Url={scheme}://127.0.0.1:{jsonPort}",
                .. tls,
                .. Settings(rulesDirectory, watchForChanges, AuditStore),
                .. settings,
            ], _logs is null ? null : logging => logging.AddProvider(_logs), time: _time);
            try
            {
                await _app.StartAsync();
                break;
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 5)
            {
                // A port found free was taken before the host bound it (by another test's connection, tests run in
                // parallel; seen once in CI): other ports, as a test cannot hold a port for Kestrel between the two.
                await _app.DisposeAsync();
            }
        }

        GrpcAddress = new Uri($"{scheme}://127.0.0.1:{grpcPort}");
        JsonAddress = new Uri($"{scheme}://127.0.0.1:{jsonPort}");
        Channel = CreateChannel(_pki?.Client);
        await WaitUntilServingAsync(Channel);
    }

    public const string GrpcUrl = "--Kestrel:Endpoints:Grpc:Url=";

    /// <summary>What every test host is started with, before the test's own settings.</summary>
    internal static string[] Settings(string rulesDirectory, bool watchForChanges, string auditStore) =>
    [
        $"--Rules:Directory={rulesDirectory}",
        $"--Rules:WatchForChanges={watchForChanges}",
        "--Rules:ReloadDelayMilliseconds=100",
        "--Logging:LogLevel:Default=Warning",
        // The tests that send thousands of requests measure answers, not the limit; RateLimitTests sets its own.
        "--Security:RateLimit:PermitsPerSecond=1000000",
        "--Security:RateLimit:Burst=1000000",
        "--Audit:Store=" + auditStore,
    ];

    /// <summary>A gRPC channel to this host that presents <paramref name="clientCertificate"/> (TLS hosts only), sent
    /// with the <paramref name="intermediates"/> that lead from it to the trust anchor.</summary>
    public GrpcChannel CreateChannel(X509Certificate2? clientCertificate, params X509Certificate2[] intermediates) =>
        _pki is null ? GrpcChannel.ForAddress(GrpcAddress)
            : GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { HttpHandler = TlsHandler(clientCertificate, intermediates) });

    /// <summary>An HTTP client for the JSON port that presents <paramref name="clientCertificate"/> (TLS hosts only), sent
    /// with the <paramref name="intermediates"/> that lead from it to the trust anchor.</summary>
    public HttpClient CreateHttp(X509Certificate2? clientCertificate, params X509Certificate2[] intermediates) =>
        _pki is null ? new HttpClient { BaseAddress = JsonAddress } : new HttpClient(TlsHandler(clientCertificate, intermediates)) { BaseAddress = JsonAddress };

    private SocketsHttpHandler TlsHandler(X509Certificate2? clientCertificate, X509Certificate2[] intermediates)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 server && _pki!.ValidateServer(server);
        if (intermediates.Length > 0)
            handler.SslOptions.ClientCertificateContext = System.Net.Security.SslStreamCertificateContext.Create(clientCertificate!, [.. intermediates], offline: true);
        else if (clientCertificate is not null)
            handler.SslOptions.ClientCertificates = [clientCertificate];
        return handler;
    }

    /// <summary>As a load balancer would: the host takes calls once its health service says SERVING (the engine is
    /// prepared for every version in the background after start-up).</summary>
    internal static async Task WaitUntilServingAsync(GrpcChannel channel)
    {
        var health = new Health.HealthClient(channel);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await health.CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (global::Grpc.Core.RpcException ex) when (ex.StatusCode == global::Grpc.Core.StatusCode.Unavailable && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                // A probe that fails to connect is tried again, as a load balancer does (seen once in CI, on a
                // fully loaded machine: a reset on the first connection while the host started).
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the host did not report SERVING within 30 s");
            await Task.Delay(20);
        }
    }

    /// <summary>Stops the host the way SIGTERM does: no new calls, calls in flight finish.</summary>
    public Task StopAsync() => _app!.StopAsync();

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (!_owned) return;
        Channel.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_auditFolder is not null) Directory.Delete(_auditFolder, recursive: true);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
