using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.NRules;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// The ratios of <see cref="EvaluationBenchmarks"/> (the compiled engine's three levels of detail, and with
/// <c>nrules</c> also NRules', against the hand-written code), and of the decision with its levensloop as users get it,
/// timed by the process's CPU time rather than the wall clock, alternated in rounds of 20,000 decisions (2,000 for
/// NRules, about a hundred times slower), with the bytes each decision allocates. On a machine shared with other work,
/// wall time counts the waits for a core and BenchmarkDotNet's ratios scatter by more than the ratios themselves; CPU
/// time counts the work done. A figure for comparing code, run alternately with a build of the code before.
/// </summary>
public static class CpuRatios
{
    private const int Decisions = 20_000;
    private const int NRulesDecisions = 2_000;

    public static void Run(int rounds, bool withNRules)
    {
        var asOf = BaselineFidelity.AsOf;
        var library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Compiled, EngineKind.Compiled);
        var set = library.Select(asOf);
        var @case = BaselineFidelity.BenchmarkCase();
        var quota = BaselineFidelity.Quota(set);
        BaselineFidelity.RequireSame(set, @case, asOf, quota);
        var nrules = new NRulesEngine();
        var variants = new (string Name, int Decisions, Action Run)[]
        {
            ("hand-written", Decisions, () => HandWrittenBeschutWerk.Evaluate(@case, asOf, quota)),
            ("outcomes", Decisions, () => CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.Minimal)),
            ("explanations", Decisions, () => CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.Default)),
            ("trace", Decisions, () => CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.WithTrace)),
            // The decision as `evaluate` and the gRPC Evaluate make it: explanations, and the levensloop, which judges
            // the case again on each of its six event dates.
            ("levensloop", Decisions, () => library.Evaluate(@case, asOf)),
            ("nrules-outc.", NRulesDecisions, () => nrules.Evaluate(set, @case, asOf, EvaluationOptions.Minimal)),
            ("nrules-expl.", NRulesDecisions, () => nrules.Evaluate(set, @case, asOf, EvaluationOptions.Default)),
            ("nrules-trace", NRulesDecisions, () => nrules.Evaluate(set, @case, asOf, EvaluationOptions.WithTrace)),
        };
        if (!withNRules) variants = variants[..5];

        // Three rounds first to warm up (tiered JIT), not counted.
        var times = variants.Select(_ => new List<double>()).ToArray();
        var allocated = new long[variants.Length];
        for (var round = -3; round < rounds; round++)
            for (var v = 0; v < variants.Length; v++)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < variants[v].Decisions; i++) variants[v].Run();
                if (round < 0) continue;
                times[v].Add((Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds / variants[v].Decisions);
                allocated[v] += GC.GetAllocatedBytesForCurrentThread() - bytes;
            }

        var hand = times[0].Order().ToList();
        Console.WriteLine($"CPU time per decision over {rounds} rounds, ratio to the hand-written code:");
        for (var v = 0; v < variants.Length; v++)
        {
            var t = times[v].Order().ToList();
            Console.WriteLine($"{variants[v].Name,-13} fastest round {t[0],7:F0} ns ({t[0] / hand[0],5:F1}x)   median {t[t.Count / 2],7:F0} ns ({t[t.Count / 2] / hand[hand.Count / 2],5:F1}x)   {allocated[v] / ((long)rounds * variants[v].Decisions),6:N0} B");
        }
    }
}
