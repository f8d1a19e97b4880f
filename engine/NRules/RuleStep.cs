using EligibilityEngine.Compilation;

namespace EligibilityEngine.NRules;

/// <summary>What the NRules rule made from one YAML rule does when it fires.</summary>
internal sealed class RuleStep
{
    public required CompiledRuleSet Set { get; init; }

    /// <summary>Index of the rule in the version's evaluation order.</summary>
    public required int Rule { get; init; }

    public CompiledRule Definition => Set.Rules[Rule];

    /// <summary>The slot of this rule's criterion, finding or outcome when another rule reads it, so that the conclusion
    /// must be a fact in NRules' working memory for that rule to join on (see <see cref="ConclusionFact"/>); null when
    /// nobody reads it, and the conclusion is kept for the decision only.</summary>
    public required int? ConclusionSlot { get; init; }

    /// <summary>How a condition's result becomes a truth value: Kleene's three values, unknown kept unknown. (Only the
    /// differential suite's negative control puts a deliberate slip here.)</summary>
    public required Func<bool?, byte> Truth { get; init; }
}
