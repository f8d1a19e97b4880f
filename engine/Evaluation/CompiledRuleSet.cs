using EligibilityEngine.Conditions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Evaluation;

/// <summary>
/// One version compiled for evaluation: rules in their evaluation order (strata), with everything a decision needs
/// to explain itself resolved in advance. Immutable and shared by all evaluations.
/// </summary>
public sealed class CompiledRuleSet
{
    public required RuleSetVersion Version { get; init; }

    public required RuleSetReference Reference { get; init; }

    /// <summary>Rules in evaluation order: every producer of a criterion, finding or outcome before its readers.</summary>
    public required IReadOnlyList<CompiledRule> Rules { get; init; }

    /// <summary>Criteria in file order; the value is the index in <see cref="Rules"/> of the rule that decides it.</summary>
    public required IReadOnlyList<(string Id, int Rule)> Criteria { get; init; }

    /// <summary>Findings; the value lists the indexes in <see cref="Rules"/> of the rules that conclude it.</summary>
    public required IReadOnlyList<(string Id, int[] Rules)> Findings { get; init; }

    /// <summary>Outcomes as declared; producers listed in priority (file) order as indexes in <see cref="Rules"/>.</summary>
    public required IReadOnlyList<(OutcomeDefinition Definition, int[] Rules, ExplanationTemplate Undetermined)> Outcomes { get; init; }

    public required IReadOnlyList<Leaf> Leaves { get; init; }

    /// <summary>Readers for the firing trace, by fact path.</summary>
    public required IReadOnlyDictionary<string, Func<Case, string>> FactReaders { get; init; }

    /// <summary>Completes when every delegate of this version runs as JIT-compiled code (at once for
    /// <see cref="CompileMode.Compiled"/>, in the background for <see cref="CompileMode.Tiered"/>, never for interpreted).</summary>
    public required Task Compilation { get; init; }

    public required IReadOnlyList<ITiered> Delegates { get; init; }

    public bool IsFullyCompiled => Delegates.All(d => d.IsCompiled);

    // Arrays for the per-case loop: indexing an array is cheaper than an interface indexer or a tuple copy.
    internal CompiledRule[] RuleArray => _ruleArray ??= Rules.ToArray();
    internal int[] CriterionRules => _criterionRules ??= Criteria.Select(c => c.Rule).ToArray();
    internal int[][] FindingRules => _findingRules ??= Findings.Select(f => f.Rules).ToArray();
    internal int[][] OutcomeRules => _outcomeRules ??= Outcomes.Select(o => o.Rules).ToArray();
    internal (OutcomeDefinition Definition, int[] Rules, ExplanationTemplate Undetermined)[] OutcomeArray => _outcomeArray ??= Outcomes.ToArray();
    internal (string Id, int Rule)[] CriterionArray => _criterionArray ??= Criteria.ToArray();
    internal (string Id, int[] Rules)[] FindingArray => _findingArray ??= Findings.ToArray();

    private CompiledRule[]? _ruleArray;
    private int[]? _criterionRules;
    private int[][]? _findingRules;
    private int[][]? _outcomeRules;
    private (OutcomeDefinition, int[], ExplanationTemplate)[]? _outcomeArray;
    private (string, int)[]? _criterionArray;
    private (string, int[])[]? _findingArray;

    public int StratumCount => Rules.Count == 0 ? 0 : Rules.Max(r => r.Stratum) + 1;

    public EvaluationState NewState() => new(Criteria.Count, Findings.Count, Outcomes.Count, Rules.Count);
}
