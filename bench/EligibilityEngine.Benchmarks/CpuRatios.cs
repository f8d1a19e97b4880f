using EligibilityEngine.Cases;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// The ratios of <see cref="EvaluationBenchmarks"/> (the compiled engine's three levels of detail against the
/// hand-written code), and of the decision with its levensloop as users get it, timed by the process's CPU time rather
/// than the wall clock, the five alternated in rounds of 20,000 decisions, with the bytes each decision allocates. On a
/// machine shared with other work, wall time counts the waits for a core and BenchmarkDotNet's ratios scatter by more
/// than the ratios themselves; CPU time counts the work done. A figure for comparing code, run alternately with a build
/// of the code before.
/// </summary>
public static class CpuRatios
{
    private const int Decisions = 20_000;

    public static void Run(int rounds)
    {
        var asOf = new DateOnly(2017, 6, 1);
        var library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Compiled, EngineKind.Compiled);
        var set = library.Select(asOf);
        var @case = CaseReader.ReadFile(Path.Combine(Paths.Root, "samples", "cases", "omzetting-en-terugval.yaml")).Case;
        var quota = new Dictionary<(string, int), int> { [("GM0014", 2017)] = 44, [("GM0014", 2018)] = 70 };
        var variants = new (string Name, Action Run)[]
        {
            ("hand-written", () => HandWrittenBeschutWerk.Evaluate(@case, asOf, quota)),
            ("outcomes", () => CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.Minimal)),
            ("explanations", () => CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.Default)),
            ("trace", () => CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.WithTrace)),
            // The decision as `evaluate` and the gRPC Evaluate make it: explanations, and the levensloop, which judges
            // the case again on each of its six event dates.
            ("levensloop", () => library.Evaluate(@case, asOf)),
        };

        // Three rounds first to warm up (tiered JIT), not counted.
        var times = variants.Select(_ => new List<double>()).ToArray();
        var allocated = new long[variants.Length];
        for (var round = -3; round < rounds; round++)
            for (var v = 0; v < variants.Length; v++)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < Decisions; i++) variants[v].Run();
                if (round < 0) continue;
                times[v].Add((Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds / Decisions);
                allocated[v] += GC.GetAllocatedBytesForCurrentThread() - bytes;
            }

        var hand = times[0].Order().ToList();
        Console.WriteLine($"CPU time per decision over {rounds} rounds of {Decisions:N0}, ratio to the hand-written code:");
        for (var v = 0; v < variants.Length; v++)
        {
            var t = times[v].Order().ToList();
            Console.WriteLine($"{variants[v].Name,-13} fastest round {t[0],7:F0} ns ({t[0] / hand[0],5:F1}x)   median {t[t.Count / 2],7:F0} ns ({t[t.Count / 2] / hand[hand.Count / 2],5:F1}x)   {allocated[v] / ((long)rounds * Decisions),6:N0} B");
        }
    }
}
