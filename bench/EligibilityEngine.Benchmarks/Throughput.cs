using System.Diagnostics;
using EligibilityEngine.Cases;
using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// Sustained single-thread throughput: evaluates the realistic case in rounds of 100,000 for a fixed time and reports
/// cases/s over the whole run, with the spread of the per-round times (this machine's speed drifts between runs).
/// </summary>
public static class Throughput
{
    public static void Run(TimeSpan duration)
    {
        var asOf = new DateOnly(2017, 6, 1);
        var set = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Compiled).Select(asOf);
        var @case = CaseReader.ReadFile(Path.Combine(Paths.Root, "samples", "cases", "omzetting-en-terugval.yaml")).Case;
        for (var i = 0; i < 500_000; i++) CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.Minimal);

        const int round = 100_000;
        var rounds = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < round; i++) CompiledEngine.Instance.Evaluate(set, @case, asOf, EvaluationOptions.Minimal);
            rounds.Add(watch.Elapsed.TotalNanoseconds / round);
        }

        var seconds = total.Elapsed.TotalSeconds;
        rounds.Sort();
        Console.WriteLine($"{rounds.Count * round} decisions in {seconds:F1} s on one thread = {rounds.Count * round / seconds:F0} decisions/s");
        Console.WriteLine($"per decision: mean {rounds.Average():F0} ns, median {rounds[rounds.Count / 2]:F0} ns, fastest round {rounds[0]:F0} ns, slowest round {rounds[^1]:F0} ns");
    }
}
