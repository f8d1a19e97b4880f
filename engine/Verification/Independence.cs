using EligibilityEngine.Compilation;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Verification;

/// <summary>
/// Which rules of a version cannot depend on one fact: they read neither the fact, nor a fact the engine leaves out by it
/// (<see cref="SymbolicCase.LeftOutAfterPeildatum"/>), nor a conclusion of a rule that can. In two cases that differ only
/// in that fact such a rule has one result. Asserting so is implied by the encoding, so it changes no answer; it spares
/// the solver finding it out, which for a long condition (the pensioengerechtigde leeftijd with its margin) it did not
/// within its budget.
/// </summary>
internal static class Independence
{
    public static IReadOnlyList<int> RulesIndependentOf(CompiledRuleSet set, string fact)
    {
        var affected = SymbolicCase.LeftOutAfterPeildatum.Where(r => r.DateFact == fact).Select(r => r.Hides).Append(fact).ToList();
        bool ReadsFact(CompiledRule rule) => rule.FactsRead.Any(path => affected.Any(a =>
            path == a || (a.EndsWith('.') && path.StartsWith(a, StringComparison.Ordinal))));

        var dependent = new bool[set.Rules.Length];
        var dependentConclusions = new HashSet<(ConclusionKind, int)>();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < set.Rules.Length; i++)
            {
                var rule = set.Rules[i];
                if (dependent[i] || (!ReadsFact(rule) && !rule.Reads.Any(dependentConclusions.Contains))) continue;
                dependent[i] = changed = true;
                dependentConclusions.Add((rule.Kind, ConclusionIndex(set, i)));
            }
        }

        return Enumerable.Range(0, set.Rules.Length).Where(i => !dependent[i]).ToList();
    }

    /// <summary>The index of the rule's conclusion among the version's criteria, findings or outcomes, as
    /// <see cref="CompiledRule.Reads"/> counts them.</summary>
    private static int ConclusionIndex(CompiledRuleSet set, int rule) => set.Rules[rule].Kind switch
    {
        ConclusionKind.Criterion => set.Criteria.IndexOf(set.Criteria.First(c => c.Rule == rule)),
        ConclusionKind.Finding => set.Findings.IndexOf(set.Findings.First(f => f.Rules.Contains(rule))),
        _ => set.Outcomes.IndexOf(set.Outcomes.First(o => o.Rules.Contains(rule))),
    };

    /// <summary>Asserts that the independent rules give the same result in both cases.</summary>
    public static void AssertSame(SmtScript query, VersionEncoding a, VersionEncoding b, IEnumerable<int> rules)
    {
        foreach (var i in rules)
        {
            query.Assert(Smt.Eq(a.Rule(i).Known, b.Rule(i).Known));
            query.Assert(Smt.Eq(a.Rule(i).Value, b.Rule(i).Value));
        }
    }
}
