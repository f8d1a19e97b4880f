using System.Runtime.CompilerServices;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Facts;
using NRules;

namespace EligibilityEngine.NRules;

/// <summary>
/// Judges cases in NRules' Rete engine: each version translated once into NRules' rule model and compiled into a
/// session factory; each case in a session of its own (NRules 1.0.4 joins without an index, so cases sharing a session
/// cost N × N). The decision is built from what NRules concluded by the same code as the compiled engine's.
/// </summary>
public sealed class NRulesEngine : IDecisionEngine
{
    private readonly ConditionalWeakTable<CompiledRuleSet, Lazy<NRulesTranslation>> _translations = new();
    private readonly Func<bool?, byte> _truth;

    public NRulesEngine() : this(Conclusions.Truth)
    {
    }

    /// <summary>For the differential suite's negative control only: an engine with a deliberate slip in how a
    /// condition's result is read, to show that the suite catches it.</summary>
    internal NRulesEngine(Func<bool?, byte> truth) => _truth = truth;

    public EngineReference Reference { get; } = new("nrules", "NRules", EngineReference.VersionOf(typeof(ISession)));

    public Task PrepareAsync(CompiledRuleSet set) => Task.Run(() => Translation(set));

    public Decision Evaluate(CompiledRuleSet set, Case @case, DateOnly asOf, EvaluationOptions options)
    {
        var translation = Translation(set);
        var (state, notices) = Evaluator.Prepare(set, @case, asOf, options.MissingFacts);
        var caseFact = new CaseFact(translation, state, options.MissingFacts);
        var session = translation.Factory.CreateSession();
        List<int>? firingOrder = null;
        if (options.Trace)
        {
            // The trace is NRules' own account of what it fired, in its order.
            firingOrder = [];
            session.Events.RuleFiredEvent += (_, e) => firingOrder.Add(translation.RuleIndex[e.Rule]);
        }

        session.Insert(caseFact);
        session.Fire();
        if (caseFact.RulesFired != set.Rules.Length)
            throw new InvalidOperationException($"NRules fired {caseFact.RulesFired} of the {set.Rules.Length} rules of version {set.Version.Version}");
        return Evaluator.Build(set, state, asOf, options, caseFact.Missing, notices, Reference, firingOrder);
    }

    private NRulesTranslation Translation(CompiledRuleSet set) =>
        _translations.GetValue(set, s => new Lazy<NRulesTranslation>(() => NRulesTranslator.Translate(s, _truth))).Value;
}
