using EligibilityEngine.Decisions;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Text;

/// <summary>The words of a decision's trace as a Dutch reader says them, for every front end (CLI, pages, reports).</summary>
public static class DutchTerms
{
    /// <summary>What a rule concludes: "criterium arbeidsvermogen", "bevinding x", "uitkomst advies = positief".</summary>
    public static string Conclusion(RuleConclusion conclusion) => conclusion.Kind switch
    {
        ConclusionKind.Criterion => "criterium " + conclusion.Target,
        ConclusionKind.Finding => "bevinding " + conclusion.Target,
        _ => $"uitkomst {conclusion.Target} = {conclusion.Value}",
    };

    /// <summary>A condition's truth in a word: waar, onwaar, onbekend.</summary>
    public static string Word(Truth truth) => truth switch
    {
        Truth.True => "waar",
        Truth.False => "onwaar",
        _ => "onbekend",
    };

    /// <summary>Whether a rule's condition (in Dutch, <see cref="ConditionDutch"/>) held, failed or could not be told,
    /// said before the condition; with <paramref name="parts"/> above one, before the list of parts that must all hold.</summary>
    public static string Condition(Truth truth, int parts)
    {
        var held = truth switch
        {
            Truth.True => "Voorwaarde vervuld",
            Truth.False => "Voorwaarde niet vervuld",
            _ => "Niet vast te stellen of de voorwaarde vervuld is",
        };
        return parts > 1 ? held + "; alle onderdelen moeten gelden:" : held + ":";
    }

    /// <summary>A rule's result as a reader says it.</summary>
    public static string RuleResult(Truth truth) => truth switch
    {
        Truth.True => "van toepassing",
        Truth.False => "niet van toepassing",
        _ => "niet vast te stellen: iets wat de regel nodig heeft, is onbekend",
    };
}
