using EligibilityEngine.Compilation;
using NRules;

namespace EligibilityEngine.NRules;

/// <summary>One version as NRules runs it: the session factory, and what a session needs to know of the version.</summary>
internal sealed class NRulesTranslation(CompiledRuleSet set, ISessionFactory factory)
{
    public CompiledRuleSet Set { get; } = set;

    /// <summary>Thread-safe; each case gets a session of its own.</summary>
    public ISessionFactory Factory { get; } = factory;

    /// <summary>Per finding, how many rules conclude it.</summary>
    public int[] FindingRules { get; } = set.Findings.Select(f => f.Rules.Length).ToArray();

    /// <summary>Per outcome, how many rules conclude it.</summary>
    public int[] OutcomeRules { get; } = set.Outcomes.Select(o => o.Rules.Length).ToArray();

    /// <summary>The index in the version's evaluation order of the rule NRules knows by this name (the rule id).</summary>
    public IReadOnlyDictionary<string, int> RuleIndex { get; } = set.Rules.Select((r, i) => (r.Definition.Id, i)).ToDictionary(x => x.Id, x => x.i);
}
