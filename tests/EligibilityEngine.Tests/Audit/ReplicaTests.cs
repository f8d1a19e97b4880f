using System.Collections.Concurrent;
using System.Diagnostics;
using EligibilityEngine.Audit;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Audit;

/// <summary>
/// Two host processes writing to one PostgreSQL, under a bounded load sent round-robin: every answered call has exactly
/// one record, and when one replica is killed (SIGKILL) mid-run every call it answered is still recorded while the
/// calls it did not answer fail at the client.
/// </summary>
[Trait(Category.Name, Category.Postgres)]
[Collection(PostgresLoadCollection.Name)]
public sealed class ReplicaTests(PostgresServer server, ITestOutputHelper output)
{
    private const int Workers = 8;

    private static readonly EvaluateRequest Request = Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")));

    [Fact]
    public async Task Two_replicas_on_one_postgres_record_every_answered_call_once_also_when_one_is_killed_mid_run()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var a = await HostProcess.StartAsync("--Audit:Store=" + connectionString);
        await using var b = await HostProcess.StartAsync("--Audit:Store=" + connectionString);
        var replicas = new[] { a, b }.Select(h => new EligibilityService.EligibilityServiceClient(h.Channel)).ToArray();
        await using var store = await PostgresDecisionStore.OpenAsync(connectionString);

        // Both replicas up: records equal answers.
        var steady = await Load(replicas, calls: 2000, killAfter: null);
        steady.Failed.ShouldBe(0);
        (await store.CountAsync()).ShouldBe(steady.Answered.Count);
        await ShouldAllBeRecorded(store, steady.Answered);
        output.WriteLine($"both replicas: {steady.Answered.Count} calls answered in {steady.Elapsed.TotalSeconds:F1} s " +
                         $"({steady.Answered.Count / steady.Elapsed.TotalSeconds:F0}/s), {await store.CountAsync()} records");

        // Replica b killed after 500 of the next 2000 calls.
        var before = await store.CountAsync();
        var killed = await Load(replicas, calls: 2000, killAfter: (500, b));
        var records = await store.CountAsync() - before;
        killed.Failed.ShouldBeGreaterThan(0); // calls sent to b after the kill
        await ShouldAllBeRecorded(store, killed.Answered);
        // Every record is a call answered, or one whose answer the kill cut off after the commit: never more.
        records.ShouldBeGreaterThanOrEqualTo(killed.Answered.Count);
        (records - killed.Answered.Count).ShouldBeLessThanOrEqualTo(killed.Failed);
        output.WriteLine($"b killed mid-run: {killed.Answered.Count} answered, {killed.Failed} failed at the client " +
                         $"({string.Join(", ", killed.Failures.GroupBy(f => f).Select(g => $"{g.Key} ×{g.Count()}"))}), " +
                         $"{records} records ({records - killed.Answered.Count} committed whose answer the kill cut off)");
        (await store.ListAsync(new RecordQuery(Limit: 10_000))).Select(r => r.DecisionId).ShouldBeUnique();
        // Both replicas wrote one chain, a kill in the middle: no hole, no broken link, every record in it.
        var chain = await ChainVerification.VerifyAsync(store, null, null, null);
        chain.Problems.ShouldBeEmpty();
        chain.Checked.ShouldBe(await store.CountAsync());
    }

    private static async Task ShouldAllBeRecorded(IDecisionStore store, IEnumerable<string> answered)
    {
        var recorded = (await store.ListAsync(new RecordQuery(Limit: 100_000))).Select(r => r.DecisionId.ToString()).ToHashSet();
        answered.Where(id => !recorded.Contains(id)).ShouldBeEmpty("answered calls without a record");
    }

    private static async Task<LoadResult> Load(EligibilityService.EligibilityServiceClient[] replicas, int calls, (int After, HostProcess Host)? killAfter)
    {
        var answered = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<StatusCode>();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int call;
            while ((call = Interlocked.Increment(ref next)) < calls)
            {
                if (killAfter is { } kill && call == kill.After) kill.Host.Kill();
                try
                {
                    var response = await replicas[call % replicas.Length].EvaluateAsync(Request, deadline: DateTime.UtcNow.AddSeconds(10));
                    answered.Add(response.Decision.DecisionId);
                }
                catch (RpcException ex)
                {
                    failures.Add(ex.StatusCode);
                }
            }
        })));
        return new LoadResult(answered.ToList(), failures.Count, failures.ToList(), watch.Elapsed);
    }

    private sealed record LoadResult(IReadOnlyList<string> Answered, int Failed, IReadOnlyList<StatusCode> Failures, TimeSpan Elapsed);
}
