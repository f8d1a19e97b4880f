using EligibilityEngine.Decisions;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Text;

/// <summary>The words of a decision's trace as a Dutch reader says them, for every front end (CLI, pages, reports).</summary>
public static class DutchTerms
{
    /// <summary>What a rule concludes by its codes: "criterium arbeidsvermogen", "bevinding x", "uitkomst advies = positief",
    /// for the rule author's listing (`eligibility show`), whose conditions are written as code too; where a person reads a
    /// decision, <see cref="ConditionDutch.Conclusion"/> names it by its titles and labels.</summary>
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
    /// said before the condition; with <paramref name="parts"/> above one, before the list of parts that must all hold
    /// (<paramref name="all"/>) or of which one must.</summary>
    public static string Condition(Truth truth, int parts, bool all)
    {
        var held = truth switch
        {
            Truth.True => "Voorwaarde vervuld",
            Truth.False => "Voorwaarde niet vervuld",
            _ => "Niet vast te stellen of de voorwaarde vervuld is",
        };
        return parts <= 1 ? held + ":" : held + (all ? "; alle onderdelen moeten gelden:" : "; één van de onderdelen moet gelden:");
    }

    /// <summary>Whether one part of a condition held for the case: the mark beside it and the word a screen reader says.</summary>
    public static (string Mark, string Word) Part(Truth truth) => truth switch
    {
        Truth.True => ("✓", "geldt"),
        Truth.False => ("✗", "geldt niet"),
        _ => ("?", "onbekend"),
    };

    /// <summary>A rule's result as a reader says it.</summary>
    public static string RuleResult(Truth truth) => truth switch
    {
        Truth.True => "van toepassing",
        Truth.False => "niet van toepassing",
        _ => "niet vast te stellen: iets wat de regel nodig heeft, is onbekend",
    };
}
