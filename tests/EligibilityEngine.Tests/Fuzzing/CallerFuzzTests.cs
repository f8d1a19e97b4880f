using System.Collections.Concurrent;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Fuzzing;

/// <summary>
/// Callers, not bodies, as the fuzzed input (issue #22): organisations that ask for each other's records in every way
/// the API allows (other ids, page tokens taken from another's answers, any page size and filter), and streams of any
/// length and pace against the rate limit. Seeded and bounded like the request fuzzer.
/// </summary>
[Trait(Category.Name, Category.Fuzz)]
[Collection(RunsAloneCollection.Name)]
public sealed class CallerFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TestTokens _tokens = new();

    private static readonly EvaluateRequest Sample = Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")));

    private static readonly string[] Organisations = ["gemeente-testdam", "gemeente-anderstad", "gemeente-derdeveen", "gemeente-vierhuizen"];

    [Fact]
    public async Task Organisations_asking_for_each_others_records_in_any_way_get_only_their_own()
    {
        var seed = FuzzSeed.Next();
        var count = FuzzSeed.Count(400);
        output.WriteLine($"record access fuzz: seed {seed}, {count} reads (replay with FUZZ_SEED={seed})");
        await using var host = await RunningHost.StartSecuredAsync(_pki, _tokens, "--Security:ClientCertificates:TrustAnchorFile=");
        var client = new EligibilityService.EligibilityServiceClient(host.CreateChannel(null));
        Metadata As(string organisation) => new() { { "Authorization", "Bearer " + _tokens.Token("beoordelen audit-lezen", clientId: organisation) } };
        var owner = new ConcurrentDictionary<string, string>();
        foreach (var organisation in Organisations)
            for (var i = 0; i < 3; i++)
                owner[(await client.EvaluateAsync(Sample, As(organisation))).Decision.DecisionId] = organisation;
        var pageTokens = new ConcurrentBag<string>();
        var faults = new ConcurrentQueue<string>();

        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var random = new Random(unchecked(seed * 31 + i));
            var reader = Organisations[random.Next(Organisations.Length)];
            try
            {
                if (random.Next(2) == 0)
                {
                    var ids = owner.Keys.ToArray();
                    var id = random.Next(5) switch
                    {
                        0 => Guid.NewGuid().ToString(),
                        1 => ids[random.Next(ids.Length)].ToUpperInvariant(),
                        2 => " " + ids[random.Next(ids.Length)],
                        _ => ids[random.Next(ids.Length)],
                    };
                    var record = (await client.GetDecisionRecordAsync(new GetDecisionRecordRequest { DecisionId = id }, As(reader))).Record;
                    if (record.Caller.ClientId != reader) faults.Enqueue($"read {i}: {reader} got {record.Caller.ClientId}'s record {record.DecisionId}");
                }
                else
                {
                    var stolen = pageTokens.ToArray();
                    var request = new ListDecisionRecordsRequest
                    {
                        PageSize = random.Next(4) switch { 0 => 0, 1 => 1, 2 => random.Next(-5, 2_000), _ => 2 },
                        PageToken = stolen.Length > 0 && random.Next(2) == 0 ? stolen[random.Next(stolen.Length)] : "",
                        Outcome = random.Next(4) == 0 ? "advies=positief" : "",
                        From = random.Next(4) == 0 ? "2000-01-01" : "",
                    };
                    var page = await client.ListDecisionRecordsAsync(request, As(reader));
                    if (page.NextPageToken.Length > 0) pageTokens.Add(page.NextPageToken);
                    foreach (var record in page.Records.Where(r => r.Caller.ClientId != reader))
                        faults.Enqueue($"read {i}: {reader} listed {record.Caller.ClientId}'s record {record.DecisionId}");
                }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
            {
                // Another's record is not found; a bad id, page size or stolen page token is the caller's error.
            }
            catch (RpcException ex)
            {
                faults.Enqueue($"read {i}: {ex.StatusCode} {ex.Status.Detail}");
            }
        });

        faults.Take(10).ShouldBeEmpty($"{faults.Count} findings; replay with FUZZ_SEED={seed}");
    }

    [Fact]
    public async Task Streams_and_calls_of_any_size_and_pace_are_never_served_beyond_the_callers_rate()
    {
        const int rate = 20, burst = 20;
        var seed = FuzzSeed.Next();
        output.WriteLine($"rate limit fuzz: seed {seed} (replay with FUZZ_SEED={seed})");
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules,
            $"--Security:RateLimit:PermitsPerSecond={rate}", $"--Security:RateLimit:Burst={burst}");
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var served = 0;
        var faults = new ConcurrentQueue<string>();
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Four callers' worth of traffic from one address (one caller to the limiter), for three seconds.
        await Parallel.ForAsync(0, 4, async (worker, _) =>
        {
            var random = new Random(unchecked(seed * 31 + worker));
            while (started.Elapsed < TimeSpan.FromSeconds(3))
            {
                try
                {
                    if (random.Next(3) == 0)
                    {
                        await client.EvaluateAsync(Sample);
                        Interlocked.Increment(ref served);
                    }
                    else
                    {
                        using var call = client.EvaluateBatch();
                        var reading = Task.Run(async () =>
                        {
                            await foreach (var _ in call.ResponseStream.ReadAllAsync()) Interlocked.Increment(ref served);
                        });
                        try
                        {
                            for (var k = random.Next(1, 200); k > 0; k--) await call.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = Sample });
                            await call.RequestStream.CompleteAsync();
                        }
                        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
                        {
                            // The host ended the stream while items were still being written: its status is the answer.
                        }

                        await reading;
                    }
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                    await Task.Delay(random.Next(0, 100));
                }
                catch (RpcException ex)
                {
                    faults.Enqueue($"worker {worker}: {ex.StatusCode} {ex.Status.Detail}");
                }
            }
        });

        var allowed = burst + rate * started.Elapsed.TotalSeconds;
        output.WriteLine($"{served} items served in {started.Elapsed.TotalSeconds:F1} s; the rate allows {allowed:F0}");
        faults.Take(10).ShouldBeEmpty($"replay with FUZZ_SEED={seed}");
        served.ShouldBeLessThanOrEqualTo((int)allowed + rate, $"replay with FUZZ_SEED={seed}");
        served.ShouldBeGreaterThan(burst, "the caller is served up to its rate, not shut out");
    }

    public void Dispose()
    {
        _pki.Dispose();
        _tokens.Dispose();
    }
}
