using System.Diagnostics;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// Sustained single-thread throughput: evaluates the realistic case in rounds for a fixed time and reports cases/s over
/// the whole run, with the spread of the per-round times (this machine's speed drifts between runs). The compiled engine
/// is measured deciding outcomes and statuses (100,000 a round), NRules with Dutch explanations and missing facts
/// (1,000 a round), as their targets are stated, unless another detail is asked for: outcomes, explanations (with
/// missing facts) or trace (explanations and the firing trace).
/// </summary>
public static class Throughput
{
    public static void Run(TimeSpan duration, EngineKind kind, string? detail = null)
    {
        var asOf = BaselineFidelity.AsOf;
        var library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Compiled, kind);
        var set = library.Select(asOf);
        var engine = library.Engine;
        detail ??= kind == EngineKind.Compiled ? "outcomes" : "explanations";
        var options = detail switch
        {
            "outcomes" => EvaluationOptions.Minimal,
            "explanations" => EvaluationOptions.Default with { Timeline = false },
            "trace" => EvaluationOptions.WithTrace with { Timeline = false },
            _ => throw new ArgumentException("detail: outcomes, explanations or trace"),
        };
        var round = kind == EngineKind.Compiled ? 100_000 : 1_000;
        var @case = BaselineFidelity.BenchmarkCase();
        for (var i = 0; i < 5 * round; i++) engine.Evaluate(set, @case, asOf, options);

        var rounds = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < round; i++) engine.Evaluate(set, @case, asOf, options);
            rounds.Add(watch.Elapsed.TotalNanoseconds / round);
        }

        var seconds = total.Elapsed.TotalSeconds;
        rounds.Sort();
        Console.WriteLine($"{engine.Reference}, {detail}:");
        Console.WriteLine($"{rounds.Count * round} decisions in {seconds:F1} s on one thread = {rounds.Count * round / seconds:F0} decisions/s");
        Console.WriteLine($"per decision: mean {rounds.Average():F0} ns, median {rounds[rounds.Count / 2]:F0} ns, fastest round {rounds[0]:F0} ns, slowest round {rounds[^1]:F0} ns");
    }
}
