using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Host.Web;

/// <summary>A decision as the page shows it: with the form field each missing fact is entered in, or for print without.</summary>
public sealed record DecisionView(Decision Decision, IReadOnlyList<(MissingFact Fact, string? Field)> MissingFacts, bool Print)
{
    /// <summary>The rules of the trace that conclude a criterion or an outcome (with any value), in firing order.</summary>
    public IReadOnlyList<RuleFiring> StepsOf(ConclusionKind kind, string target) =>
        (Decision.Trace ?? []).Where(r => r.Conclusion.Kind == kind && r.Conclusion.Target == target).ToList();

    /// <summary>An event type's code as the Dutch label of the fact model.</summary>
    public static string EventLabel(string code)
    {
        var index = FactModel.EventTypes.IndexOf(code);
        return index < 0 ? code : FactModel.EventTypes.DutchLabels[index];
    }
}
