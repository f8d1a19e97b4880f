using BenchmarkDotNet.Attributes;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Facts;
using EligibilityEngine.NRules;

namespace EligibilityEngine.Benchmarks;

/// <summary>One decision for a realistic case (history of six events, own re-application) with the 2017 rule set, by the
/// hand-written baseline, the compiled engine and the NRules engine.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private static readonly DateOnly AsOf = BaselineFidelity.AsOf;
    private CompiledRuleSet _rules = null!;
    private Case _case = null!;
    private Dictionary<(string, int), int> _quota = null!;
    private readonly EvaluationOptions _core = EvaluationOptions.Minimal;
    private readonly NRulesEngine _nrules = new();

    [GlobalSetup]
    public void Setup()
    {
        var library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Compiled);
        _rules = library.Select(AsOf);
        _case = BaselineFidelity.BenchmarkCase();
        _quota = BaselineFidelity.Quota(_rules);

        // The baseline must decide exactly what the engine decides, or the comparison means nothing.
        BaselineFidelity.RequireSame(_rules, _case, AsOf, _quota);
        var engine = CompiledEngine.Instance.Evaluate(_rules, _case, AsOf, _core);
        var nrules = _nrules.Evaluate(_rules, _case, AsOf, EvaluationOptions.Default);
        if (nrules.Outcomes.Select(o => o.Value).SequenceEqual(engine.Outcomes.Select(o => o.Value)) is false)
            throw new InvalidOperationException("the NRules engine decides otherwise than the compiled engine");
    }

    [Benchmark(Baseline = true)]
    public HandWrittenBeschutWerk.Result HandWritten() => HandWrittenBeschutWerk.Evaluate(_case, AsOf, _quota);

    [Benchmark]
    public Decision EngineOutcomesAndStatuses() => CompiledEngine.Instance.Evaluate(_rules, _case, AsOf, _core);

    [Benchmark]
    public Decision EngineWithDutchExplanations() => CompiledEngine.Instance.Evaluate(_rules, _case, AsOf, EvaluationOptions.Default);

    [Benchmark]
    public Decision EngineWithExplanationsAndTrace() => CompiledEngine.Instance.Evaluate(_rules, _case, AsOf, EvaluationOptions.WithTrace);

    [Benchmark]
    public Decision NRulesOutcomesAndStatuses() => _nrules.Evaluate(_rules, _case, AsOf, _core);

    [Benchmark]
    public Decision NRulesWithDutchExplanations() => _nrules.Evaluate(_rules, _case, AsOf, EvaluationOptions.Default);

    [Benchmark]
    public Decision NRulesWithExplanationsAndTrace() => _nrules.Evaluate(_rules, _case, AsOf, EvaluationOptions.WithTrace);
}
