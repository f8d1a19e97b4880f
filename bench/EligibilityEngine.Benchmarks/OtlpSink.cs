using EligibilityEngine.Host.Otlp.Collector;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// A Logboek for the measurements (bench/logboek-load.sh): an OTLP/gRPC receiver on 127.0.0.1:PORT that acknowledges
/// every export and counts the spans, printing <c>UNIX_MS SPANS EXPORTS</c> every 100 ms in which spans arrived. It keeps
/// nothing: what is measured is the host's shipping, not a Logboek's storage.
/// </summary>
public static class OtlpSink
{
    private static long _spans;
    private static long _exports;

    public static async Task Run(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 64 * 1024 * 1024);
        var app = builder.Build();
        app.MapGrpcService<Sink>();
        await app.StartAsync();
        Console.WriteLine($"listening {port}");
        long printed = -1;
        // SIGTERM stops the app (the bench script's way to take the Logboek down); then the process ends.
        var stopping = app.Lifetime.ApplicationStopping;
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(100);
            var spans = Interlocked.Read(ref _spans);
            if (spans == printed) continue;
            Console.WriteLine($"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {spans} {Interlocked.Read(ref _exports)}");
            printed = spans;
        }

        await app.StopAsync();
    }

    private sealed class Sink : TraceService.TraceServiceBase
    {
        public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        {
            Interlocked.Add(ref _spans, request.ResourceSpans.Sum(r => r.ScopeSpans.Sum(s => s.Spans.Count)));
            Interlocked.Increment(ref _exports);
            return Task.FromResult(new ExportTraceServiceResponse());
        }
    }
}
