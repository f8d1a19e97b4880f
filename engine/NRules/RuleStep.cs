using EligibilityEngine.Evaluation;

namespace EligibilityEngine.NRules;

/// <summary>What the NRules rule made from one YAML rule does when it fires.</summary>
internal sealed class RuleStep
{
    public required CompiledRuleSet Set { get; init; }

    /// <summary>Index of the rule in the version's evaluation order.</summary>
    public required int Rule { get; init; }

    public required StepConclusion Conclusion { get; init; }

    /// <summary>How a condition's result becomes a truth value: Kleene's three values, unknown kept unknown. (Only the
    /// differential suite's negative control puts a deliberate slip here.)</summary>
    public required Func<bool?, byte> Truth { get; init; }
}

/// <summary>How a rule's result reaches its conclusion.</summary>
internal enum StepConclusion
{
    /// <summary>The rule decides a criterion (a criterion has exactly one rule).</summary>
    Criterion,

    /// <summary>The rule is the only one concluding its finding.</summary>
    OnlyFindingRule,

    /// <summary>The rule is the only one concluding its outcome.</summary>
    OnlyOutcomeRule,

    /// <summary>Other rules conclude the same finding or outcome: a resolver rule joins all their results.</summary>
    SharedWithOthers,
}
