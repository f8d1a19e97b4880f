using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Text;

namespace EligibilityEngine.Host.Web;

/// <summary>A decision as the page shows it: with the form field each missing fact is entered in, or for print without;
/// with the version's conditions and conclusions in Dutch for "waarom", and which part of each condition held for the
/// case (<see cref="RuleLibrary.ConditionParts"/>; null for print, which has no "waarom").</summary>
public sealed record DecisionView(Decision Decision, IReadOnlyList<MissingFactView> MissingFacts, bool Print, ConditionDutch Conditions,
    IReadOnlyDictionary<string, PartResults>? Parts = null)
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

/// <summary>A missing fact as the page lists it: the id of the form field it is entered in, if the form has one, and for
/// a missing row of a table the fact the expert may state instead.</summary>
public sealed record MissingFactView(MissingFact Fact, string? Field, MissingRow? Row);

/// <summary>A row of a rule set's table that is not there (<c>param.quota[GM0014, 2019]</c>): the table, the row's keys,
/// and the label of the case fact that may state the number instead (null when no fact may).</summary>
public sealed record MissingRow(string Table, string Keys, string? InsteadLabel)
{
    /// <summary>The row a missing fact's path names, or null when it names no table row.</summary>
    public static (string Table, string Keys)? Parse(string path) =>
        path.StartsWith("param.", StringComparison.Ordinal) && path.IndexOf('[') is var open and > 0 && path.EndsWith(']')
            ? (path["param.".Length..open], path[(open + 1)..^1])
            : null;
}
