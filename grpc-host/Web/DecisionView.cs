using EligibilityEngine.Evaluation;
using EligibilityEngine.Facts;

namespace EligibilityEngine.GrpcHost.Web;

/// <summary>A decision as the page shows it: with the form field each missing fact is entered in, or for print without.</summary>
public sealed record DecisionView(Decision Decision, IReadOnlyList<(MissingFact Fact, string? Field)> MissingFacts, bool Print)
{
    /// <summary>The rules of the trace that conclude <paramref name="conclusion"/> ("criterion x", or "outcome y" with
    /// any value), in firing order.</summary>
    public IReadOnlyList<RuleFiring> StepsOf(string conclusion) =>
        (Decision.Trace ?? []).Where(r => r.Conclusion == conclusion || r.Conclusion.StartsWith(conclusion + " ", StringComparison.Ordinal)).ToList();

    /// <summary>An event type's code as the Dutch label of the fact model.</summary>
    public static string EventLabel(string code)
    {
        var index = FactModel.EventTypes.IndexOf(code);
        return index < 0 ? code : FactModel.EventTypes.DutchLabels[index];
    }
}
