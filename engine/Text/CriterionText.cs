using EligibilityEngine.Decisions;

namespace EligibilityEngine.Text;

/// <summary>How every front end shows a criterion's status to people: a mark and a Dutch word.</summary>
public static class CriterionText
{
    public static string Mark(CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "✓",
        CriterionStatus.NotMet => "✗",
        _ => "?",
    };

    public static string Word(CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "voldaan",
        CriterionStatus.NotMet => "niet voldaan",
        _ => "niet vast te stellen",
    };
}
