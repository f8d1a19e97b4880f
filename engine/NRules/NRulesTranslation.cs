using EligibilityEngine.Compilation;
using NRules;
using NRules.RuleModel;

namespace EligibilityEngine.NRules;

/// <summary>One version as NRules runs it: the session factory, and what a session needs to know of the version.</summary>
internal sealed class NRulesTranslation(CompiledRuleSet set, ISessionFactory factory, IReadOnlyList<IRuleDefinition> rules)
{
    public CompiledRuleSet Set { get; } = set;

    /// <summary>Thread-safe; each case gets a session of its own.</summary>
    public ISessionFactory Factory { get; } = factory;

    /// <summary>Per finding, how many rules conclude it.</summary>
    public int[] FindingRules { get; } = set.Findings.Select(f => f.Rules.Length).ToArray();

    /// <summary>Per outcome, how many rules conclude it.</summary>
    public int[] OutcomeRules { get; } = set.Outcomes.Select(o => o.Rules.Length).ToArray();

    /// <summary>The index in the version's evaluation order of each rule as NRules knows it: the definition it fires,
    /// told apart by reference (NRules' definitions do not override equality).</summary>
    public IReadOnlyDictionary<IRuleDefinition, int> RuleIndex { get; } = rules.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
}
