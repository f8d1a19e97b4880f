using EligibilityEngine.Evaluation;
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
/// <remarks>
/// The conclusions a version's rules read are numbered (their slot), and a reading rule's pattern selects its slot.
/// The facts come in four types by slot rather than one per kind: NRules 1.0.4 tests an inserted fact against the node
/// of every fact type in the network and then against every alpha condition under its own type, one by one, each
/// test with its own metrics. Four types of three or four slots each keep both lists short (about 5 + 4 tests per
/// insert, against 4 + up to 8 with a type per kind). Types only route facts to the joins; the joins, and so the
/// firing order, are the same either way.
/// </remarks>
internal abstract class ConclusionFact(int slot)
{
    /// <summary>Number of the conclusion among those the version's rules read.</summary>
    public int Slot { get; } = slot;

    // Identity stays reference equality; a hash from the slot spares the runtime's slower identity hash of a new
    // object on NRules' working-memory lookups.
    public override int GetHashCode() => Slot;

    public static ConclusionFact Of(int slot) => (slot % 4) switch
    {
        0 => new ConclusionFactA(slot),
        1 => new ConclusionFactB(slot),
        2 => new ConclusionFactC(slot),
        _ => new ConclusionFactD(slot),
    };

    public static Type TypeOf(int slot) => Types[slot % 4];

    private static readonly Type[] Types = [typeof(ConclusionFactA), typeof(ConclusionFactB), typeof(ConclusionFactC), typeof(ConclusionFactD)];
}

internal sealed class ConclusionFactA(int slot) : ConclusionFact(slot);

internal sealed class ConclusionFactB(int slot) : ConclusionFact(slot);

internal sealed class ConclusionFactC(int slot) : ConclusionFact(slot);

internal sealed class ConclusionFactD(int slot) : ConclusionFact(slot);
