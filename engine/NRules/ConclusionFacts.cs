using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.NRules;

// The facts NRules' working memory holds for one case. They are classes, not records: NRules tells facts apart by
// Equals, and two conclusions of equal value (say two criteria both met) are different facts.

/// <summary>The case being judged (the only fact inserted from outside), with the working memory the conditions read
/// and the conclusions are written to for the decision.</summary>
internal sealed class CaseFact(NRulesTranslation translation, EvaluationState state, bool captureMissing)
{
    public EvaluationState State { get; } = state;

    /// <summary>How many of the version's rules have fired; every rule must, once.</summary>
    public int RulesFired { get; set; }

    public MissingRecorder? Missing { get; private set; }

    /// <summary>Per finding, how many of its rules have yet to fire.</summary>
    public int[] FindingRulesToFire { get; } = (int[])translation.FindingRules.Clone();

    /// <summary>Per outcome, how many of its rules have yet to fire.</summary>
    public int[] OutcomeRulesToFire { get; } = (int[])translation.OutcomeRules.Clone();

    public void CaptureMissing(int rule)
    {
        if (!captureMissing) return;
        Missing ??= new MissingRecorder(translation.Set);
        Missing.CaptureRule(rule, State);
    }
}

/// <summary>
/// That a criterion, finding or outcome some rule reads is concluded. The rules that read it join on this fact, so they
/// cannot fire before it exists; the concluded value itself is already in the working memory the conditions read.
/// </summary>
internal abstract class ConclusionFact(int index)
{
    /// <summary>Index of the criterion, finding or outcome in the version.</summary>
    public int Index { get; } = index;

    // Identity stays reference equality; a hash from the index spares the runtime's slower identity hash of a new
    // object on NRules' working-memory lookups.
    public override int GetHashCode() => Index;

    public static ConclusionFact Of(ConclusionKind kind, int index) => kind switch
    {
        ConclusionKind.Criterion => new CriterionFact(index),
        ConclusionKind.Finding => new FindingFact(index),
        _ => new OutcomeFact(index),
    };

    public static Type TypeOf(ConclusionKind kind) => kind switch
    {
        ConclusionKind.Criterion => typeof(CriterionFact),
        ConclusionKind.Finding => typeof(FindingFact),
        _ => typeof(OutcomeFact),
    };
}

/// <summary>A criterion is concluded.</summary>
internal sealed class CriterionFact(int index) : ConclusionFact(index);

/// <summary>A finding is concluded: all its rules have fired.</summary>
internal sealed class FindingFact(int index) : ConclusionFact(index);

/// <summary>An outcome is concluded: all its rules have fired.</summary>
internal sealed class OutcomeFact(int index) : ConclusionFact(index);
