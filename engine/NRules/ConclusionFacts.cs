using EligibilityEngine.Evaluation;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.NRules;

// The facts NRules' working memory holds for one case. They are classes, not records: NRules tells facts apart by
// Equals, and two conclusions of equal value (say two criteria both met) are different facts.

/// <summary>The case being judged (the only fact inserted from outside), with the working memory the conditions read
/// and the conclusions are mirrored into for the decision.</summary>
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

/// <summary>Something a rule's condition can read once it is concluded: a criterion, a finding or an outcome.</summary>
internal abstract class ConclusionFact(int index)
{
    /// <summary>Index of the criterion, finding or outcome in the version.</summary>
    public int Index { get; } = index;

    // Identity stays reference equality; a hash from the index spares the runtime's slower identity hash of a new
    // object on NRules' working-memory lookups.
    public override int GetHashCode() => Index;

    /// <summary>Puts the concluded value where the condition code reads it.</summary>
    public abstract void WriteTo(EvaluationState state);
}

/// <summary>A criterion with its three-valued status.</summary>
internal sealed class CriterionFact(int index, byte truth) : ConclusionFact(index)
{
    public override void WriteTo(EvaluationState state) => state.Criteria[Index] = truth;
}

/// <summary>A finding with its three-valued truth (false when no producer is true or unknown).</summary>
internal sealed class FindingFact(int index, byte truth) : ConclusionFact(index)
{
    public override void WriteTo(EvaluationState state) => state.Findings[Index] = truth;
}

/// <summary>An outcome with its value index, or no value, or undetermined.</summary>
internal sealed class OutcomeFact(int index, int value) : ConclusionFact(index)
{
    public override void WriteTo(EvaluationState state) => state.Outcomes[Index] = value;
}
