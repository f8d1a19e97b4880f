using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using EligibilityEngine.Host.Otlp.Collector;
using EligibilityEngine.Host.Otlp.Trace;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// A Logboek as the tests need it: an OTLP/gRPC receiver (<c>opentelemetry.proto.collector.trace.v1.TraceService</c>)
/// on Kestrel, on a socket of its own, that acknowledges every export (at once or after a delay), refuses them (<c>rejected_spans</c>), or is down
/// (stopped, and started again on the same port). With a <see cref="TestPki"/> it speaks TLS with the test CA's server
/// certificate and requires a client certificate from that CA.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly TestPki? _pki;
    private WebApplication? _app;

    private OtlpReceiver(int port, TestPki? pki)
    {
        Port = port;
        _pki = pki;
    }

    public int Port { get; }

    public Uri Endpoint => new($"{(_pki is null ? "http" : "https")}://127.0.0.1:{Port}");

    /// <summary>Every span of every acknowledged export, in arrival order.</summary>
    public ConcurrentQueue<Span> Spans { get; } = new();

    /// <summary>Every export request, acknowledged or not.</summary>
    public int Exports => _exports;

    private int _exports;

    /// <summary>Answer every export with all its spans rejected.</summary>
    public volatile bool Refuse;

    /// <summary>How long an export waits between taking its spans and acknowledging them, as a slow Logboek does.</summary>
    public TimeSpan AcknowledgeDelay { get; set; }

    public static async Task<OtlpReceiver> StartAsync(TestPki? pki = null)
    {
        var receiver = new OtlpReceiver(Grpc.RunningHost.FreePort(), pki);
        await receiver.UpAsync();
        return receiver;
    }

    /// <summary>Listening again, on the same port.</summary>
    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Not the host's appsettings.json beside the tests (its Kestrel endpoints): this port only.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (_pki is null) return;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = _pki.Server;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => _pki.ValidateServer(certificate);
            });
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        // Down means down: the shipper's open connection is not waited for.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        var app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Down: the socket closed, exports fail to connect.</summary>
    public async Task DownAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Waits until <paramref name="count"/> spans arrived (or the time is up), and returns them.</summary>
    public async Task<IReadOnlyList<Span>> WaitForAsync(int count, TimeSpan within)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Spans.Count < count && waited.Elapsed < within) await Task.Delay(50);
        return [.. Spans];
    }

    public async ValueTask DisposeAsync() => await DownAsync();

    private sealed class Service(OtlpReceiver receiver) : TraceService.TraceServiceBase
    {
        public override async Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref receiver._exports);
            var spans = request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans).ToList();
            if (receiver.Refuse)
                return new ExportTraceServiceResponse
                {
                    PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = spans.Count, ErrorMessage = "de testontvanger weigert" },
                };
            foreach (var span in spans) receiver.Spans.Enqueue(span);
            receiver.Resource = request.ResourceSpans[0].Resource;
            // Taken, not yet acknowledged: a sender killed meanwhile sends these again.
            if (receiver.AcknowledgeDelay > TimeSpan.Zero) await Task.Delay(receiver.AcknowledgeDelay);
            return new ExportTraceServiceResponse();
        }
    }

    /// <summary>The resource of the last acknowledged export.</summary>
    public EligibilityEngine.Host.Otlp.Resource.Resource? Resource { get; private set; }
}
