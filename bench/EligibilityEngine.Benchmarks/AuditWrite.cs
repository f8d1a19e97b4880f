using System.Diagnostics;
using EligibilityEngine.Decisions;
using EligibilityEngine.Audit;
using EligibilityEngine.Cases;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// The audit log's write path on its own: CONCURRENCY callers each building the record of a sample's decision and
/// waiting for its commit through the group-commit writer, for SECONDS. Prints records/s, the latency from handing a
/// record in to its commit (p50, p99, max) and the records per transaction. The store is a SQLite path or a PostgreSQL
/// connection string, as Audit:Store. The sample is a file of samples/cases: <c>positief-advies.yaml</c> makes a 3.5 KB
/// record, <c>omzetting-en-terugval.yaml</c> one of 6.5 KB, as large as the host's under <c>bench/grpc-load.sh</c>.
/// </summary>
public static class AuditWrite
{
    public static async Task Run(string storeSetting, TimeSpan duration, int concurrency, string? sample = null)
    {
        var file = CaseReader.ReadFile(Path.Combine(Paths.Root, "samples", "cases", sample ?? "positief-advies.yaml"));
        var decision = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), engine: EngineKind.Compiled)
            .Evaluate(file.Case, file.AsOf!.Value, EvaluationOptions.Default);
        var factory = new DecisionRecordFactory(new AuditSettings("bench", null, null));
        await using var counted = new CountingStore(await DecisionStores.OpenAsync(storeSetting));
        await using var writer = new GroupCommitWriter(counted);
        var latencies = new List<double>[concurrency];
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            while (stop.Elapsed < duration)
            {
                var context = new RecordingContext("bench", new RecordedCaller(null, "bench", null, null), DateTimeOffset.UtcNow, TraceIds.Of(null, null), null);
                var started = Stopwatch.GetTimestamp();
                await writer.RecordAsync(factory.Create(decision, file.Case, context, DateTimeOffset.UtcNow));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine($"{counted.Inner.Description}: {all.Length} records in {stop.Elapsed.TotalSeconds:F1} s ({all.Length / stop.Elapsed.TotalSeconds:F0}/s) " +
                          $"by {concurrency} callers; commit latency p50 {all[all.Length / 2]:F2} ms, p99 {all[(int)(all.Length * 0.99)]:F2} ms, " +
                          $"max {all[^1]:F2} ms; {counted.Transactions} transactions, {(double)all.Length / counted.Transactions:F1} records each");
    }

    public static async Task Count(string storeSetting)
    {
        await using var store = await DecisionStores.OpenAsync(storeSetting);
        Console.WriteLine(await store.CountAsync());
    }

    /// <summary>Counts the transactions the writer makes.</summary>
    private sealed class CountingStore(IDecisionStore inner) : IDecisionStore
    {
        public IDecisionStore Inner => inner;

        public int Transactions;

        public string Description => inner.Description;

        public async Task AppendAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellation = default)
        {
            await inner.AppendAsync(records, cancellation);
            Interlocked.Increment(ref Transactions);
        }

        public Task<DecisionRecord?> FindAsync(Guid decisionId, CancellationToken cancellation = default) => inner.FindAsync(decisionId, cancellation);

        public Task<IReadOnlyList<DecisionRecord>> ListAsync(RecordQuery query, CancellationToken cancellation = default) => inner.ListAsync(query, cancellation);

        public Task<long> CountAsync(CancellationToken cancellation = default) => inner.CountAsync(cancellation);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
