using System.Diagnostics;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// Host start-up as an orchestrator sees it: from starting the process (the Release build of host) until its
/// gRPC health service answers SERVING, polled every 10 ms. Repeated, each in a new process.
/// </summary>
public static class HostStartup
{
    public static void Run(int runs, string engine)
    {
        var dll = Path.Combine(Paths.Root, "host", "bin", "Release", "net10.0", "EligibilityEngine.Host.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build the host first: dotnet build -c Release host", dll);
        const int port = 5393;
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var start = Stopwatch.StartNew();
            using var host = Process.Start(new ProcessStartInfo("dotnet",
                [dll, $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}", "--Kestrel:Endpoints:Json:Url=http://127.0.0.1:0",
                 $"--Engine:Kind={engine}", "--Rules:WatchForChanges=false", "--Logging:LogLevel:Default=Warning"])
            {
                WorkingDirectory = Paths.Root, RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            while (!Serving(port))
            {
                if (start.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the host did not report SERVING within 60 s");
                Thread.Sleep(10);
            }

            times.Add(start.Elapsed.TotalMilliseconds);
            host.Kill();
            host.WaitForExit();
        }

        Console.WriteLine($"engine {engine}: start to SERVING in {string.Join(", ", times.Select(t => $"{t:F0}"))} ms " +
                          $"(median {times.Order().ElementAt(times.Count / 2):F0} ms, over {runs} starts)");
    }

    private static bool Serving(int port)
    {
        // A channel per attempt: a channel that failed to connect waits out a back-off before it tries again.
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        try
        {
            return new Health.HealthClient(channel).Check(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1)).Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (global::Grpc.Core.RpcException)
        {
            return false; // not listening yet
        }
    }
}
