using EligibilityEngine.Cases;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// What <see cref="CompiledRuleSet.EvaluationsBeforePromotion"/> weighs: the CPU time of JIT-compiling a version against
/// the CPU time one evaluation saves once it is compiled, per engine, over the samples (each on the version in force on
/// its date, with Dutch explanations, as a host answers). The evaluations after which compiling has paid for itself is
/// their quotient. CPU time of the process, alternated in rounds, fastest round kept (see <see cref="CpuRatios"/>).
/// </summary>
public static class TieringCost
{
    public static void Run(int rounds)
    {
        var rules = Path.Combine(Paths.Root, "rules", "beschut-werk");
        var samples = Directory.GetFiles(Path.Combine(Paths.Root, "samples", "cases"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => CaseReader.ReadFile(f)).ToList();
        foreach (var kind in new[] { EngineKind.Compiled, EngineKind.NRules })
        {
            var interpreted = RuleLibrary.Load(rules, CompileMode.Interpreted, kind);
            var compiled = RuleLibrary.Load(rules, CompileMode.Compiled, kind);
            Task.WaitAll(interpreted.PrepareAsync(), compiled.PrepareAsync());
            var perEvaluation = new[] { interpreted, compiled }.Select(library =>
            {
                var cases = samples.Select(s => (Set: library.Select(s.AsOf!.Value, s.Version), s.Case, AsOf: s.AsOf!.Value)).ToList();
                return Fastest(rounds, () =>
                {
                    foreach (var (set, @case, asOf) in cases) library.Engine.Evaluate(set, @case, asOf, EvaluationOptions.Default);
                }) / cases.Count;
            }).ToList();

            // A fresh interpreted library per round (loaded outside the time): a version is compiled once.
            var compile = Enumerable.Range(0, rounds).Min(_ =>
            {
                var versions = RuleLibrary.Load(rules, CompileMode.Interpreted, kind).Versions;
                return CpuTime(() => { foreach (var version in versions) version.CompileNow(); }) / versions.Count;
            });
            var saved = perEvaluation[0] - perEvaluation[1];
            Console.WriteLine($"{kind}: one evaluation {perEvaluation[0] / 1000:F1} µs interpreted, {perEvaluation[1] / 1000:F1} µs compiled; " +
                              $"compiling a version {compile / 1e6:F0} ms; compiling pays after {compile / saved:F0} evaluations");
        }
    }

    /// <summary>The fastest round's CPU time in nanoseconds, after three rounds that warm up.</summary>
    private static double Fastest(int rounds, Action work)
    {
        for (var round = 0; round < 3; round++) work();
        return Enumerable.Range(0, rounds).Min(_ => CpuTime(work));
    }

    private static double CpuTime(Action work)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        work();
        return (Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds;
    }
}
