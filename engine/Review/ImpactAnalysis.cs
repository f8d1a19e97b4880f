using System.Collections.Concurrent;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;

namespace EligibilityEngine.Review;

/// <summary>
/// Judges every case under two versions and reports the decisions that change. Cases are independent, so they are
/// judged in parallel; the report lists them in corpus order whatever the scheduling.
/// </summary>
public static class ImpactAnalysis
{
    /// <param name="cancellation">Stops the run when the caller has gone (a corpus of 100,000 cases takes seconds).</param>
    public static ImpactReport Run(IDecisionEngine engine, CompiledRuleSet from, CompiledRuleSet to, IReadOnlyList<NamedCase> cases, ImpactDates dates,
        CancellationToken cancellation = default) =>
        Run(engine, from, to, new ReadCases(cases), dates, cancellation);

    /// <summary>
    /// Judges the cases as they are read: each case under both versions as soon as it is taken from
    /// <paramref name="cases"/>, so that only the changed and failed ones are kept, never the corpus. A corpus with
    /// errors throws them (<see cref="ICaseSource.ThrowIfInvalid"/>) once it has been read to its end.
    /// </summary>
    public static ImpactReport Run(IDecisionEngine engine, CompiledRuleSet from, CompiledRuleSet to, ICaseSource cases, ImpactDates dates,
        CancellationToken cancellation = default)
    {
        dates.Check(from, to);
        // Both versions compiled (and prepared) at once: each is one thread's work, and the machine has more than one.
        Task.WaitAll(Task.Run(from.CompileNow), Task.Run(to.CompileNow), engine.PrepareAsync(from), engine.PrepareAsync(to));
        var changedRules = RuleSetDiff.Compare(from, to).Rules.ToDictionary(r => r.Id, r => r.Kind);
        var results = new ConcurrentBag<(long Index, ChangedCase? Changed, FailedCase? Failed)>();
        var judged = 0;
        Parallel.ForEach(cases.Cases, new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = Environment.ProcessorCount }, (read, _, index) =>
        {
            if (read() is not { } @case) return;
            Interlocked.Increment(ref judged);
            var (changedCase, failedCase) = Compare(engine, from, to, @case, dates, changedRules);
            if (changedCase is not null || failedCase is not null) results.Add((index, changedCase, failedCase));
        });
        cases.ThrowIfInvalid();

        // The report lists cases in corpus order, whatever the scheduling.
        var ordered = results.OrderBy(r => r.Index).ToList();
        var changed = ordered.Select(r => r.Changed).OfType<ChangedCase>().ToList();
        var failed = ordered.Select(r => r.Failed).OfType<FailedCase>().ToList();
        var transitions = changed.SelectMany(c => c.Outcomes)
            .GroupBy(o => (o.Id, o.Before, o.After))
            .Select(g => new OutcomeTransition(g.Key.Id, g.Key.Before, g.Key.After, g.Count()))
            .OrderBy(t => from.Canonical.Outcomes.ToList().FindIndex(o => o.Id == t.Outcome))
            .ThenByDescending(t => t.Cases).ThenBy(t => t.Before, StringComparer.Ordinal).ThenBy(t => t.After, StringComparer.Ordinal)
            .ToList();
        return new ImpactReport(from.Reference, to.Reference, engine.Reference, dates.Describe(from, to), judged,
            judged - changed.Count - failed.Count, transitions, changed, failed, new OutcomeNames(to.Canonical.Outcomes, from.Canonical.Outcomes));
    }

    private static (ChangedCase?, FailedCase?) Compare(
        IDecisionEngine engine, CompiledRuleSet from, CompiledRuleSet to, NamedCase @case, ImpactDates dates, IReadOnlyDictionary<string, ChangeKind> changedRules)
    {
        if (dates.For(from, @case.AsOf) is not { } fromAsOf || dates.For(to, @case.AsOf) is not { } toAsOf)
            return (null, new FailedCase(@case.Name, "de casus heeft geen peildatum (as_of): geef die in de casus, of een peildatum voor alle casussen (effective of een datum)"));

        var before = engine.Evaluate(from, @case.Case, fromAsOf, EvaluationOptions.Minimal);
        var after = engine.Evaluate(to, @case.Case, toAsOf, EvaluationOptions.Minimal);
        // An outcome only one version has is part of the change (the 2017 duty is new for every case); a criterion only
        // one version has is not: the outcomes it feeds show its effect, and listing it for every case would bury that.
        var outcomes = Changes(before.Outcomes, after.Outcomes, o => o.Id, o => o.Value, o => o.RuleId, oneSided: true);
        var criteria = Changes(before.Criteria, after.Criteria, c => c.Id, c => Status(c.Status), c => c.RuleId, oneSided: false);
        if (outcomes.Count == 0 && criteria.Count == 0) return (null, null);

        var rules = outcomes.Concat(criteria)
            .SelectMany(c => new[] { c.RuleBefore, c.RuleAfter })
            .OfType<string>().Distinct()
            .Select(id => new ResponsibleRule(id, changedRules.TryGetValue(id, out var kind) ? kind : ChangeKind.Unchanged))
            .ToList();
        return (new ChangedCase(@case.Name, fromAsOf, toAsOf, outcomes, criteria, rules), null);
    }

    /// <summary>Items whose value differs; with <paramref name="oneSided"/> also items only one version has.</summary>
    private static IReadOnlyList<ValueChange> Changes<T>(
        IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> id, Func<T, string> value, Func<T, string?> rule, bool oneSided)
    {
        const string Absent = "(niet in deze versie)";
        if (Aligned(before, after, id))
        {
            // Both versions list the same items in the same order (most pairs of versions): compared by position, the
            // same changes in the same order as below, without building a dictionary for every case.
            List<ValueChange>? same = null;
            for (var i = 0; i < after.Count; i++)
                if (value(before[i]) != value(after[i]))
                    (same ??= []).Add(new ValueChange(id(after[i]), value(before[i]), value(after[i]), rule(before[i]), rule(after[i])));
            return same ?? [];
        }

        var old = before.ToDictionary(id);
        var changes = new List<ValueChange>();
        foreach (var item in after)
        {
            if (!old.TryGetValue(id(item), out var was))
            {
                if (oneSided) changes.Add(new ValueChange(id(item), Absent, value(item), null, rule(item)));
            }
            else if (value(was) != value(item)) changes.Add(new ValueChange(id(item), value(was), value(item), rule(was), rule(item)));
        }

        if (!oneSided) return changes;
        var kept = after.Select(id).ToHashSet();
        changes.AddRange(before.Where(b => !kept.Contains(id(b))).Select(b => new ValueChange(id(b), value(b), Absent, rule(b), null)));
        return changes;
    }

    private static bool Aligned<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> id)
    {
        if (before.Count != after.Count) return false;
        for (var i = 0; i < after.Count; i++)
            if (id(before[i]) != id(after[i])) return false;
        return true;
    }

    public static string Status(CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "met",
        CriterionStatus.NotMet => "not_met",
        _ => "undetermined",
    };
}
