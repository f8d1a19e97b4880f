using BenchmarkDotNet.Attributes;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Audit;
using EligibilityEngine.Cases;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// What a decision's record costs the host in CPU before it reaches the disk: the canonical input and its SHA-256,
/// the whole record (UUID v7, hash, recorded decision), its JSON, and one SQLite transaction of 32 records
/// (synchronous=FULL, so the flush is in it), beside evaluating the case itself (compiled engine).
/// </summary>
[MemoryDiagnoser]
public class AuditRecordBenchmarks
{
    private Case _case = null!;
    private DateOnly _asOf;
    private RuleLibrary _library = null!;
    private Decision _decision = null!;
    private DecisionRecordFactory _factory = null!;
    private RecordingContext _context = null!;
    private DecisionRecord _record = null!;
    private SqliteDecisionStore _store = null!;
    private string _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var file = CaseReader.ReadFile(Path.Combine(Paths.Root, "samples", "cases", "positief-advies.yaml"));
        (_case, _asOf) = (file.Case, file.AsOf!.Value);
        _library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), engine: EngineKind.Compiled);
        _decision = _library.Evaluate(_case, _asOf, EvaluationOptions.Default with { Timeline = false });
        _factory = new DecisionRecordFactory(new AuditSettings("bench", null, null));
        _context = new RecordingContext("grpc", new RecordedCaller(null, "bench", null, null), DateTimeOffset.UtcNow, TraceIds.Of(null, null), null);
        _record = _factory.Create(_decision, _case, _context, DateTimeOffset.UtcNow);
        _folder = Directory.CreateTempSubdirectory("ee-bench-audit-").FullName;
        _store = SqliteDecisionStore.OpenAsync(Path.Combine(_folder, "decisions.db")).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Decision Evaluate() => _library.Evaluate(_case, _asOf, EvaluationOptions.Default with { Timeline = false });

    [Benchmark]
    public string InputHash() => CaseInputHash.Compute(_case, _asOf);

    [Benchmark]
    public DecisionRecord Record() => _factory.Create(_decision, _case, _context, DateTimeOffset.UtcNow);

    [Benchmark]
    public string RecordJson() => Audit.RecordJson.Serialize(_record);

    [Benchmark(OperationsPerInvoke = 32)]
    public Task Commit32Records() => _store.AppendAsync(Enumerable.Range(0, 32).Select(_ => _record with { DecisionId = Guid.CreateVersion7() }).ToList());
}
