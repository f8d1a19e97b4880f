using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Evaluation;

/// <summary>
/// Which top-level parts of a rule's condition held for a case, failed, or could not be told: what a page says next to
/// each part of "alle onderdelen moeten gelden". Each part is compiled by the rules' own compiler
/// (<see cref="ConditionPartCompiler"/>) and judged against the working memory of the compiled evaluator after every
/// rule ran (NRules is proven equal to it), so a part is true, false or unknown exactly as the engine reads it.
/// Asked for when a decision is explained, never while one is made.
/// </summary>
public static class ConditionPartResults
{
    /// <summary>For each rule named (that the version has), the truth of each of its condition's parts, in order.</summary>
    public static IReadOnlyDictionary<string, PartResults> Evaluate(CompiledRuleSet set, Case @case, DateOnly asOf, IEnumerable<string> ruleIds)
    {
        var state = CompiledEngine.Finished(set, @case, asOf);
        var results = new Dictionary<string, PartResults>(StringComparer.Ordinal);
        foreach (var id in ruleIds)
        {
            if (results.ContainsKey(id) || ConditionPartCompiler.Of(set, id) is not { } parts) continue;
            results[id] = new PartResults(parts.All, parts.Parts.Select(part =>
            {
                state.MissingCount = 0;
                return part.Current(state) switch { true => Truth.True, false => Truth.False, null => Truth.Unknown };
            }).ToList());
        }

        return results;
    }
}

/// <summary>The truth of each top-level part of a rule's condition for one case; all must hold (<paramref name="All"/>)
/// or one.</summary>
public sealed record PartResults(bool All, IReadOnlyList<Truth> Parts);
