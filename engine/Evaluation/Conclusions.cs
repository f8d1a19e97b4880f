using EligibilityEngine.Compilation;
using EligibilityEngine.Runtime;
namespace EligibilityEngine.Evaluation;

/// <summary>
/// How the results of a conclusion's rules combine: one definition, used by both engines, so the combination of
/// three-valued results cannot differ between them.
/// </summary>
internal static class Conclusions
{
    /// <summary>A finding folded with one more producer's result, starting from false: asserted if any producer is
    /// true; unknown if none is true and one is unknown.</summary>
    public static byte CombineFinding(byte current, byte truth) =>
        truth == EvaluationState.True ? EvaluationState.True
        : truth == EvaluationState.Unknown && current != EvaluationState.True ? EvaluationState.Unknown
        : current;

    /// <summary>
    /// The first rule of the outcome (in file order) whose condition is true decides its value — unless an earlier
    /// rule that would give a different value is unknown: then the outcome is undetermined. Needs the result of every
    /// producer of the outcome.
    /// </summary>
    public static int ResolveOutcome(CompiledRuleSet set, byte[] ruleResults, int outcome)
    {
        var producers = set.Outcomes[outcome].Rules;
        var values = set.ProducerValues[outcome];
        var unknownValues = 0UL;
        var anyUnknown = false;
        for (var k = 0; k < producers.Length; k++)
        {
            var value = values[k];
            var result = ruleResults[producers[k]];
            if (result == EvaluationState.True)
                return (unknownValues & ~(1UL << value)) != 0 ? EvaluationState.Undetermined : value;

            if (result == EvaluationState.Unknown)
            {
                unknownValues |= 1UL << value;
                anyUnknown = true;
            }
        }

        return anyUnknown ? EvaluationState.Undetermined : EvaluationState.NoValue;
    }

    /// <summary>
    /// The producers of an undetermined outcome whose missing facts could change it: the unknown ones before the first
    /// true producer (in file order). A producer after the first true one cannot decide, whatever its facts turn out to
    /// be, so its missing facts are not the outcome's (a verordening's number is not asked below the regulation's number
    /// when a rule before it already decides on that number).
    /// </summary>
    public static IEnumerable<int> UnknownBeforeFirstTrue(CompiledRuleSet set, byte[] ruleResults, int outcome)
    {
        foreach (var p in set.Outcomes[outcome].Rules)
        {
            var result = ruleResults[p];
            if (result == EvaluationState.True) yield break;
            if (result == EvaluationState.Unknown) yield return p;
        }
    }

    public static byte Truth(bool? result) =>
        result.HasValue ? (result.Value ? EvaluationState.True : EvaluationState.False) : EvaluationState.Unknown;
}
