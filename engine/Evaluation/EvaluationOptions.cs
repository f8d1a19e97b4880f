namespace EligibilityEngine.Evaluation;

/// <summary>How much of the explanation to produce. Explanations are on by default; the firing trace is opt-in.</summary>
public sealed record EvaluationOptions(bool Trace = false, bool Explain = true)
{
    public static EvaluationOptions Default { get; } = new();

    public static EvaluationOptions WithTrace { get; } = new(Trace: true);
}
