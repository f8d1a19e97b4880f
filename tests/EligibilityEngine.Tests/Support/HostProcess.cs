using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// The host as a process of its own (<c>dotnet EligibilityEngine.Host.dll</c>, built beside the tests), on free
/// loopback ports, as a replica runs: it can be killed outright (SIGKILL), which an in-process host cannot.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri grpcAddress)
    {
        _process = process;
        GrpcAddress = grpcAddress;
        Channel = GrpcChannel.ForAddress(grpcAddress);
    }

    public Uri GrpcAddress { get; }

    private readonly ConcurrentQueue<string> _lines = new();

    private void Keep(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        while (_lines.Count > 20) _lines.TryDequeue(out _);
    }

    public GrpcChannel Channel { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host wrote (its log at Warning and above).</summary>
    public IReadOnlyList<string> LastLines => [.. _lines];

    public static async Task<HostProcess> StartAsync(params string[] settings)
    {
        // The tests' own configuration (Debug, Release) names the host's build folder.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "host", "bin", configuration, "net10.0", "EligibilityEngine.Host.dll");
        int grpcPort = Grpc.RunningHost.FreePort(), jsonPort = Grpc.RunningHost.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     dll, $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}", $"--Kestrel:Endpoints:Json:Url=http://127.0.0.1:{jsonPort}",
                     "--Rules:Directory=" + RepositoryPaths.Rules, "--Rules:WatchForChanges=false", "--Logging:LogLevel:Default=Warning",
                     "--Security:RateLimit:PermitsPerSecond=1000000", "--Security:RateLimit:Burst=1000000",
                 }.Concat(settings))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        // Drained, or a chatty host would block on a full pipe; the last lines say why a host did not start.
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{grpcPort}"));
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilServingAsync();
        return host;
    }

    private async Task WaitUntilServingAsync()
    {
        var health = new Health.HealthClient(Channel);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // Waiting once more drains the redirected output to its end: HasExited can be true before the last lines arrive.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"the host process exited with {_process.ExitCode} before serving: {string.Join(Environment.NewLine, _lines)}");
            }

            try
            {
                if ((await health.CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (global::Grpc.Core.RpcException)
            {
                // not listening yet
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the host process did not report SERVING within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, calls in flight cut off.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
