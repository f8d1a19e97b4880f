using BenchmarkDotNet.Attributes;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Facts;
using EligibilityEngine.Cases;
using EligibilityEngine.NRules;

namespace EligibilityEngine.Benchmarks;

/// <summary>One decision for a realistic case (history of six events, own re-application) with the 2017 rule set, by the
/// hand-written baseline, the compiled engine and the NRules engine.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private static readonly DateOnly AsOf = new(2017, 6, 1);
    private CompiledRuleSet _rules = null!;
    private Case _case = null!;
    private Dictionary<(string, int), int> _quota = null!;
    private readonly EvaluationOptions _core = EvaluationOptions.Minimal;
    private readonly NRulesEngine _nrules = new();

    [GlobalSetup]
    public void Setup()
    {
        var root = Paths.Root;
        var library = RuleLibrary.Load(Path.Combine(root, "rules", "beschut-werk"), CompileMode.Compiled);
        _rules = library.Select(AsOf);
        _case = CaseReader.ReadFile(Path.Combine(root, "samples", "cases", "omzetting-en-terugval.yaml")).Case;
        _quota = new() { [("GM0014", 2017)] = 44, [("GM0014", 2018)] = 70 };

        // The baseline must decide exactly what the engine decides, or the comparison means nothing.
        var engine = CompiledEngine.Instance.Evaluate(_rules, _case, AsOf, _core);
        var hand = HandWrittenBeschutWerk.Evaluate(_case, AsOf, _quota);
        var expected = new HandWrittenBeschutWerk.Result(engine.Outcome("advies").Value, engine.Outcome("ontvankelijkheid").Value,
            engine.Outcome("gemeentelijke_plicht").Value, engine.Outcome("levensloop").Value, engine.Outcome("loonkostensubsidie").Value);
        if (hand != expected) throw new InvalidOperationException($"hand-written {hand} differs from engine {expected}");
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
