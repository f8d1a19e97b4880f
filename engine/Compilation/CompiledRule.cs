using EligibilityEngine.Decisions;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Compilation;

/// <summary>A rule ready to run: its compiled condition, templates and place in the evaluation order.</summary>
public sealed class CompiledRule
{
    public required RuleDefinition Definition { get; init; }

    public ConclusionKind Kind => Definition.Kind;

    public required Citation Citation { get; init; }

    public required Tiered<Func<EvaluationState, bool?>> Code { get; init; }

    /// <summary>The condition as it runs now: interpreted until the version is promoted to compiled code.</summary>
    public Func<EvaluationState, bool?> Condition => Code.Current;

    /// <summary>The condition in canonical form.</summary>
    public required string ConditionText { get; init; }

    public required int TargetIndex { get; init; }

    /// <summary>For outcome rules: the index of the value in the outcome's values.</summary>
    public required int ValueIndex { get; init; }

    public required IReadOnlyDictionary<string, ExplanationTemplate> Explanations { get; init; }

    /// <summary>The explanation of a result of the rule's condition (a truth byte of <see cref="EvaluationState"/>): a
    /// criterion's not_met, met or undetermined template; another rule's "fired" template when true. Found in
    /// <see cref="Explanations"/> once, not per decision.</summary>
    public ExplanationTemplate Explanation(byte result) =>
        (_byResult ??= Kind == ConclusionKind.Criterion
            ? [Explanations["not_met"], Explanations["met"], Explanations["undetermined"]]
            : [null, Explanations["fired"], null])[result]
        ?? throw new InvalidOperationException($"rule {Definition.Id} is explained only when it fired");

    private ExplanationTemplate?[]? _byResult;

    public required IReadOnlyList<string> FactsRead { get; init; }

    /// <summary>The criteria, findings and outcomes the condition reads (index in the version's criteria, findings or
    /// outcomes), each once: what must be concluded before this rule can run.</summary>
    public required IReadOnlyList<(ConclusionKind Kind, int Index)> Reads { get; init; }

    /// <summary>Index of the rule in the file, which is also its priority among rules of the same outcome.</summary>
    public required int FileIndex { get; init; }

    public int Stratum { get; set; }

    /// <summary>Outcomes that are final once this rule has run (it is their last producer in the order).</summary>
    public int[] ResolvesOutcomes { get; set; } = [];

    // Made once: every trace entry of the rule shares it.
    public RuleConclusion Conclusion => _conclusion ??= new(Definition.Kind, Definition.Target, Definition.Kind == ConclusionKind.Outcome ? Definition.Value : null);

    private RuleConclusion? _conclusion;
}
