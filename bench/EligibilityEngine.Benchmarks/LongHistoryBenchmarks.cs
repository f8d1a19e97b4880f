using BenchmarkDotNet.Attributes;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Benchmarks;

/// <summary>The cost of a long history with its levensloop (one judgement per event date), by the number of events up
/// to the limit of 1,000 (FactLimits.MaxEvents), in date order and reversed: the bound docs/security.md states.</summary>
[MemoryDiagnoser]
public class LongHistoryBenchmarks
{
    private static readonly DateOnly AsOf = new(2026, 6, 1);
    private RuleLibrary _library = null!;
    private Case _case = null!;

    [Params(10, 100, 1_000)]
    public int Events { get; set; }

    [Params(false, true)]
    public bool Reversed { get; set; }

    [Params(EngineKind.Compiled, EngineKind.NRules)]
    public EngineKind Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Compiled, Engine);
        _library.PrepareAsync().GetAwaiter().GetResult();
        // Moves every third day since 2018: each event on a date of its own, so the levensloop judges the case 1,000 times.
        var events = Enumerable.Range(0, Events)
            .Select(i => new CaseEvent(EventType.Moved, new DateOnly(2018, 1, 1).AddDays(i * 3), Municipality: "GM0014"))
            .ToList();
        if (Reversed) events.Reverse();
        _case = new Case("lang", new Person(HasWorkCapacity: true), new Application(), new Municipality("GM0014"), events);
    }

    [Benchmark]
    public Decision WithLevensloop() => _library.Evaluate(_case, AsOf);
}
