namespace EligibilityEngine.Evaluation;

/// <summary>
/// How much of the explanation to produce. Explanations and the levensloop timeline are on by default; the firing
/// trace is opt-in.
/// </summary>
public sealed record EvaluationOptions(bool Trace = false, bool Explain = true, bool Timeline = true)
{
    public static EvaluationOptions Default { get; } = new();

    public static EvaluationOptions WithTrace { get; } = new(Trace: true);

    /// <summary>Outcomes and statuses only: what a system that needs no texts asks for.</summary>
    public static EvaluationOptions Minimal { get; } = new(Trace: false, Explain: false, Timeline: false);
}
