using System.Collections.Concurrent;
using System.Text;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Fuzzing;

/// <summary>
/// Mutated requests against a running host over real sockets, half as gRPC (protobuf, then bytes mutated), half as JSON.
/// Every answer is a decision or a client error: never UNKNOWN, INTERNAL or DATA_LOSS, never HTTP 5xx. The host is
/// alive, healthy and within bounded memory afterwards, and no value from any request reached its log at any level.
/// The host runs in the test process, so what it keeps is measured as the heap's growth over the second half of the run,
/// with no other test beside it: pools and caches fill in the first half, and a host that kept something of every
/// request would go on growing in the second.
/// </summary>
[Trait(Category.Name, Category.Fuzz)]
[Collection(RunsAloneCollection.Name)]
public sealed class RequestFuzzTests(ITestOutputHelper output)
{
    private static readonly Method<byte[], byte[]> RawEvaluate = new(MethodType.Unary, EligibilityService.Descriptor.FullName, "Evaluate",
        Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    /// <summary>How much of a refused body the host reads before it closes the connection (the default 1 MiB limit).</summary>
    private const long DrainBound = Host.Json.JsonRequestMiddleware.DrainFactor * 1024L * 1024;

    private static readonly JsonParser Lenient = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    [Fact]
    public async Task Mutated_requests_get_a_decision_or_a_client_error_never_a_server_fault_and_nothing_from_them_reaches_the_log()
    {
        var seed = FuzzSeed.Next();
        var count = FuzzSeed.Count(20_000);
        output.WriteLine($"request fuzz: seed {seed}, {count} requests (replay with FUZZ_SEED={seed})");
        var logs = new CapturedLogs();
        var subjectKey = Path.GetTempFileName();
        await File.WriteAllTextAsync(subjectKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        await using var host = await RunningHost.StartLoggingAsync(logs, "--Audit:SubjectKeyFile=" + subjectKey);
        var samples = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "requests"), "*.json").Order().Select(File.ReadAllText).ToArray();
        var invoker = host.Channel.CreateCallInvoker();
        using var http = new HttpClient { BaseAddress = host.JsonAddress, Timeout = TimeSpan.FromSeconds(30) };
        var faults = new ConcurrentQueue<string>();
        var answers = new ConcurrentDictionary<string, int>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var half = count / 2;
        await Parallel.ForAsync(0, half, new ParallelOptions { MaxDegreeOfParallelism = 8 }, Send);
        var heapAtHalf = GC.GetTotalMemory(forceFullCollection: true);
        await Parallel.ForAsync(half, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, Send);

        async ValueTask Send(int i, CancellationToken _)
        {
            var random = new Random(unchecked(seed * 31 + i));
            var sample = samples[random.Next(samples.Length)];
            var body = RequestMutator.MutateJson(sample, random);
            if (i % 2 == 0)
            {
                var bytes = ToProtobuf(body, sample);
                if (random.Next(2) == 0) bytes = RequestMutator.MutateBytes(bytes, random);
                try
                {
                    await invoker.AsyncUnaryCall(RawEvaluate, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), bytes);
                    answers.AddOrUpdate("gRPC OK", 1, (_, n) => n + 1);
                }
                catch (RpcException ex)
                {
                    answers.AddOrUpdate($"gRPC {ex.StatusCode}", 1, (_, n) => n + 1);
                    if (ex.StatusCode is StatusCode.Unknown or StatusCode.Internal or StatusCode.DataLoss or StatusCode.Unimplemented or StatusCode.DeadlineExceeded)
                        faults.Enqueue($"request {i} of seed {seed} over gRPC: {ex.StatusCode} {ex.Status.Detail}");
                }
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                if (random.Next(8) == 0) bytes = RequestMutator.DamageUtf8(bytes, random);
                var content = new ByteArrayContent(bytes) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") } };
                var sent = http.PostAsync("/v1/beoordelingen", content);
                await ((Task)sent).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!sent.IsCompletedSuccessfully)
                {
                    // Beyond the drain bound the host answers 413 and closes the connection while the client still
                    // uploads (JsonRequestMiddleware): the client sees the upload fail. Below it, a failure is a fault.
                    if (bytes.Length <= DrainBound)
                        throw new Xunit.Sdk.XunitException($"request {i} of seed {seed} over JSON ({body.Length} characters): {sent.Exception?.InnerException?.Message}");
                    answers.AddOrUpdate("HTTP 413, connection closed during the upload", 1, (_, n) => n + 1);
                    return;
                }
                using var response = sent.Result;
                answers.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                    faults.Enqueue($"request {i} of seed {seed} over JSON: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        output.WriteLine($"{count} requests in {started.Elapsed.TotalSeconds:F0} s: " +
                         string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key} ×{a.Value}")));
        faults.Take(10).ShouldBeEmpty($"{faults.Count} server faults; replay with FUZZ_SEED={seed}");

        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = EligibilityService.Descriptor.FullName });
        health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
        var decision = await new EligibilityService.EligibilityServiceClient(host.Channel).EvaluateAsync(Lenient.Parse<EvaluateRequest>(samples[0]));
        decision.Decision.Outcomes.ShouldNotBeEmpty();
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapAtHalf;
        output.WriteLine($"managed heap kept by the second {count - half} requests: {heapGrowth / 1024 / 1024} MB (at half: {heapAtHalf / 1024 / 1024} MB); {logs.Lines.Count} log lines, {logs.Lines.Sum(l => (long)l.Length) * 2 / 1024 / 1024} MB of them");
        heapGrowth.ShouldBeLessThan(128L * 1024 * 1024, "the host keeps what mutated requests gave it");

        File.Delete(subjectKey);
        var leaks = logs.Lines.Where(l => l.Contains(RequestMutator.Marker) || RequestMutator.PersonalValues.Any(l.Contains)).Take(3).ToList();
        leaks.ShouldBeEmpty($"values from requests in the log (seed {seed})");
    }

    /// <summary>The mutated JSON as protobuf when it still parses as a request (enum numbers out of range survive),
    /// else the sample itself: its bytes are mutated next.</summary>
    private static byte[] ToProtobuf(string json, string sample)
    {
        try
        {
            return Lenient.Parse<EvaluateRequest>(json).ToByteArray();
        }
        catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException or FormatException or OverflowException or ArgumentException)
        {
            return Lenient.Parse<EvaluateRequest>(sample).ToByteArray();
        }
    }
}
