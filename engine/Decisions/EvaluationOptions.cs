namespace EligibilityEngine.Decisions;

/// <summary>
/// How much of the explanation to produce. Explanations, missing facts and the levensloop timeline are on by
/// default; the firing trace is opt-in.
/// </summary>
/// <param name="MissingFacts">Which unknown facts left each criterion and outcome undetermined. Statuses are the same
/// without it; only the lists are left empty.</param>
public sealed record EvaluationOptions(bool Trace = false, bool Explain = true, bool Timeline = true, bool MissingFacts = true)
{
    public static EvaluationOptions Default { get; } = new();

    public static EvaluationOptions WithTrace { get; } = new(Trace: true);

    /// <summary>Outcome values and criterion statuses only, with the rules that decided them: what a system that
    /// needs no texts or lists asks for, such as an impact analysis over many cases.</summary>
    public static EvaluationOptions Minimal { get; } = new(Trace: false, Explain: false, Timeline: false, MissingFacts: false);

    /// <summary>With <see cref="Explain"/>, only the outcomes that the levensloop shows are explained; the criteria,
    /// findings and other outcomes carry no text (as without <see cref="Explain"/>).</summary>
    internal bool ExplainTimelineOnly { get; init; }

    /// <summary>What a step of the levensloop reads: the value and explanation of each timeline outcome, nothing else.
    /// A levensloop judges the case again on every event date; rendering every text of each of those decisions cost
    /// most of a decision with a history.</summary>
    internal static EvaluationOptions TimelineStep { get; } =
        new(Trace: false, Explain: true, Timeline: false, MissingFacts: false) { ExplainTimelineOnly = true };
}
