using System.Diagnostics;
using EligibilityEngine.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// A gRPC load client for what h2load cannot do: present a client certificate (mutual TLS). CLIENTS workers, each with
/// its own HTTP/2 connection and one call in flight (as <c>h2load -c CLIENTS -m 1</c>), send the realistic Evaluate
/// request for 5 s of warm-up and then SECONDS measured; prints requests/s, p50 / p99 and every failed call's status.
/// Used by bench/grpc-load.sh with CLIENT=dotnet, so that every mode is measured by the same client.
/// </summary>
public static class GrpcLoad
{
    /// <param name="HostPid">The host's process: its CPU time (clock ticks, from /proc) over the measured part is printed.</param>
    public sealed record Options(string Address, TimeSpan Duration, int Clients, string? Ca, string? Certificate, string? Key, string? TokenFile, int? HostPid);

    public static async Task Run(Options options)
    {
        var request = GrpcRequestBody.Request();
        var headers = new Metadata();
        if (options.TokenFile is not null) headers.Add("Authorization", "Bearer " + File.ReadAllText(options.TokenFile).Trim());
        var clients = Enumerable.Range(0, options.Clients).Select(_ => new EligibilityService.EligibilityServiceClient(Channel(options))).ToList();
        // The first call of each connection also makes it (handshake, client certificate): part of the warm-up.
        await Drive(clients, request, headers, TimeSpan.FromSeconds(5));
        var cpuBefore = HostCpuTicks(options.HostPid);
        var (latencies, failures, elapsed) = await Drive(clients, request, headers, options.Duration);
        var cpuTicks = HostCpuTicks(options.HostPid) - cpuBefore;

        latencies.Sort();
        double Ms(double fraction) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * fraction))] * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"requests {latencies.Count + failures.Count} in {elapsed.TotalSeconds:F1} s = {latencies.Count / elapsed.TotalSeconds:F0} req/s answered, " +
                          $"p50 {Ms(0.5):F2} ms, p99 {Ms(0.99):F2} ms, max {Ms(1):F2} ms, failed {failures.Count}");
        foreach (var group in failures.GroupBy(f => f)) Console.WriteLine($"  failed with {group.Key}: {group.Count()}");
        if (options.HostPid is not null) Console.WriteLine($"host_cpu_ticks {cpuTicks}");
    }

    // utime + stime of /proc/PID/stat (fields 14 and 15, after the command name in parentheses).
    private static long HostCpuTicks(int? pid)
    {
        if (pid is null) return 0;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(List<long> Latencies, List<StatusCode> Failures, TimeSpan Elapsed)> Drive(
        IReadOnlyList<EligibilityService.EligibilityServiceClient> clients, EvaluateRequest request, Metadata headers, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(clients.Select(async client =>
        {
            var latencies = new List<long>();
            var failures = new List<StatusCode>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await client.EvaluateAsync(request, headers);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (RpcException failed)
                {
                    failures.Add(failed.StatusCode);
                }
            }

            return (latencies, failures);
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (results.SelectMany(r => r.latencies).ToList(), results.SelectMany(r => r.failures).ToList(), elapsed);
    }

    private static GrpcChannel Channel(Options options) => GrpcChannel.ForAddress(options.Address,
        new GrpcChannelOptions { HttpHandler = MunicipalClient.ClientHandler.Create(options.Ca, options.Certificate, options.Key) });
}
