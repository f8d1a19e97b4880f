using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Evaluation;

/// <summary>
/// What both engines share around the rules themselves: the working memory prepared for a case on a date, and the
/// decision built from it (texts, missing facts, notices, trace). Unknown is carried through, never read as false.
/// </summary>
internal static class Evaluator
{
    /// <summary>The working memory for one case as of the peildatum, and the notices about what was left out. One rule
    /// for every dated fact: what is dated after the peildatum had not happened on it (an event, the application, the
    /// birth) and is left out, with a notice; a fact left out is unknown, never false. <paramref name="missingFacts"/>:
    /// whether the unknown facts each rule reads are recorded, to say which are missing.</summary>
    public static (EvaluationState State, IReadOnlyList<string> Notices) Prepare(CompiledRuleSet set, Case @case, DateOnly asOf, bool missingFacts)
    {
        set.CountEvaluation();
        var futureApplication = @case.Application.Date > asOf;
        var futureBirth = @case.Person.DateOfBirth > asOf;
        var state = set.NewState();
        state.Case = futureApplication || futureBirth
            ? @case with
            {
                Application = futureApplication ? new Application() : @case.Application,
                Person = futureBirth ? @case.Person with { DateOfBirth = null } : @case.Person,
            }
            : @case;
        state.AsOfDay = asOf.DayNumber;
        state.RecordMissing = missingFacts;
        state.Events = EventsUpTo(@case.Events, asOf, out var ignored);
        return (state, Notices(set, ignored, futureApplication, futureBirth));
    }

    /// <summary>The events up to the peildatum, oldest first; equal dates keep their order in the case (stable).</summary>
    private static CaseEvent[] EventsUpTo(IReadOnlyList<CaseEvent> events, DateOnly asOf, out int ignored)
    {
        var count = 0;
        var ordered = true;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Date > asOf) continue;
            count++;
            if (i > 0 && events[i].Date < events[i - 1].Date) ordered = false;
        }

        ignored = events.Count - count;
        if (count == 0) return [];
        var kept = new CaseEvent[count];
        var k = 0;
        for (var i = 0; i < events.Count; i++)
            if (events[i].Date <= asOf) kept[k++] = events[i];
        // Histories usually come in date order; any other order is sorted stably (OrderBy), in n log n.
        return ordered ? kept : kept.OrderBy(e => e.Date).ToArray();
    }

    private static IReadOnlyList<string> Notices(CompiledRuleSet set, int ignoredEvents, bool futureApplication, bool futureBirth)
    {
        if (!set.Version.Planned && ignoredEvents == 0 && !futureApplication && !futureBirth) return [];
        var notices = new List<string>();
        if (set.Version.Planned)
            notices.Add($"LET OP: dit besluit gebruikt de GEPLANDE regelset '{set.Version.Version}' ({set.Version.Title}). " +
                        "Deze regels zijn (nog) geen geldend recht; de uitkomst laat zien wat er zou gelden als zij in werking treden.");
        if (ignoredEvents > 0)
            notices.Add($"{ignoredEvents} gebeurtenis(sen) na de peildatum zijn buiten beschouwing gelaten.");
        if (futureApplication)
            notices.Add("De aanvraag is gedaan na de peildatum en is daarom buiten beschouwing gelaten.");
        if (futureBirth)
            notices.Add("De geboortedatum ligt na de peildatum en is daarom buiten beschouwing gelaten: de leeftijd is onbekend.");
        return notices;
    }

    /// <summary>The decision from a finished working memory. <paramref name="firingOrder"/> lists the rules (indexes in
    /// the version's evaluation order) in the order the engine ran them; it makes the trace, when one is asked for.</summary>
    public static Decision Build(CompiledRuleSet set, EvaluationState state, DateOnly asOf, EvaluationOptions options, MissingRecorder? missing,
        IReadOnlyList<string> notices, EngineReference engine, IReadOnlyList<int>? firingOrder)
    {
        var explainOutcomes = options.Explain;
        var explain = explainOutcomes && !options.ExplainTimelineOnly;
        var rules = set.Rules;
        var criterionArray = set.Criteria;
        var criteria = new CriterionResult[criterionArray.Length];
        for (var c = 0; c < criterionArray.Length; c++)
        {
            var (id, ruleIndex) = criterionArray[c];
            var rule = rules[ruleIndex];
            var result = state.Criteria[c];
            var missingFacts = missing?.ForRule(ruleIndex) ?? [];
            CriterionResult Make() => new(
                id, rule.Definition.Title!, result switch
                {
                    EvaluationState.True => CriterionStatus.Met,
                    EvaluationState.False => CriterionStatus.NotMet,
                    _ => CriterionStatus.Undetermined,
                },
                explain ? rule.Explanation(result).Render(state) : "",
                rule.Definition.Id, rule.Citation, missingFacts);
            criteria[c] = !explain && missingFacts.Count == 0 ? set.SharedCriteria[c * 3 + result] ??= Make() : Make();
        }

        var outcomeArray = set.Outcomes;
        var outcomes = new OutcomeResult[outcomeArray.Length];
        for (var o = 0; o < outcomeArray.Length; o++)
        {
            var (definition, producers, undetermined) = outcomeArray[o];
            var explainOutcome = explain || (explainOutcomes && definition.Timeline);
            var value = state.Outcomes[o];
            if (value >= 0)
            {
                var ruleIndex = FirstTrue(state, producers);
                var rule = rules[ruleIndex];
                OutcomeResult Make() => new(definition.Id, definition.Title, OutcomeStatus.Decided, definition.Values[value],
                    set.ValueLabels[o][value], rule.Definition.Values, explainOutcome ? rule.Explanation(EvaluationState.True).Render(state) : "", rule.Definition.Id, rule.Citation, []);
                outcomes[o] = explainOutcome ? Make() : set.SharedOutcomes[ruleIndex] ??= Make();
            }
            else if (value == EvaluationState.NoValue)
            {
                // Says nothing of the case: one record per outcome, shared by every decision.
                outcomes[o] = set.SharedNoValue[o] ??= new OutcomeResult(definition.Id, definition.Title, OutcomeStatus.NoRuleApplied, "geen",
                    "geen regel van toepassing", NoValues, "Geen van de regels voor deze uitkomst is van toepassing.", null, null, []);
            }
            else
            {
                outcomes[o] = new OutcomeResult(definition.Id, definition.Title, OutcomeStatus.Undetermined, definition.UndeterminedValue,
                    definition.Label(definition.UndeterminedValue), NoValues, explainOutcome ? undetermined.Render(state) : "", null, null,
                    missing is not null ? missing.ForRules(Conclusions.UnknownBeforeFirstTrue(set, state.RuleResults, o)) : []);
            }
        }

        var findingArray = set.Findings;
        var asserted = 0;
        foreach (var truth in state.Findings) if (truth == EvaluationState.True) asserted++;
        var findings = asserted == 0 ? [] : new FindingResult[asserted];
        for (int f = 0, k = 0; f < findingArray.Length; f++)
        {
            if (state.Findings[f] != EvaluationState.True) continue;
            var ruleIndex = FirstTrue(state, findingArray[f].Rules);
            var rule = rules[ruleIndex];
            FindingResult Make() => new(findingArray[f].Id, explain ? rule.Explanation(EvaluationState.True).Render(state) : "", rule.Definition.Id, rule.Citation);
            findings[k++] = explain ? Make() : set.SharedFindings[ruleIndex] ??= Make();
        }

        return new Decision(set.Reference, engine, asOf, outcomes, criteria, findings, MissingFacts(criteria, outcomes, missing), notices,
            options.Trace && firingOrder is not null ? Trace(set, state, firingOrder) : null);
    }

    private static int FirstTrue(EvaluationState state, int[] rules)
    {
        foreach (var r in rules)
            if (state.RuleResults[r] == EvaluationState.True) return r;
        throw new InvalidOperationException("no producer fired");
    }

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    private static IReadOnlyList<MissingFact> MissingFacts(CriterionResult[] criteria, OutcomeResult[] outcomes, MissingRecorder? missing)
    {
        if (missing is null) return [];
        var affects = new SortedDictionary<string, (string Label, List<DecisionPart> Affects, bool Outcome)>(StringComparer.Ordinal);
        void Add(DecisionPart part, IReadOnlyList<string> paths)
        {
            foreach (var path in paths)
            {
                var entry = affects.TryGetValue(path, out var found) ? found : (missing.LabelOf(path), [], false);
                entry.Affects.Add(part);
                affects[path] = entry with { Outcome = entry.Outcome || part.Kind == DecisionPartKind.Outcome };
            }
        }

        foreach (var c in criteria.Where(c => c.Status == CriterionStatus.Undetermined)) Add(new(DecisionPartKind.Criterion, c.Id, c.Title), c.MissingFacts);
        foreach (var o in outcomes.Where(o => o.Status == OutcomeStatus.Undetermined)) Add(new(DecisionPartKind.Outcome, o.Id, o.Title), o.MissingFacts);
        return affects.Select(a => new MissingFact(a.Key, a.Value.Label, a.Value.Affects, a.Value.Outcome)).ToList();
    }

    private static List<RuleFiring> Trace(CompiledRuleSet set, EvaluationState state, IReadOnlyList<int> firingOrder)
    {
        var trace = new List<RuleFiring>(set.Rules.Length);
        // Each fact is read and said once per decision, however many rules read it; the readings are immutable.
        var readings = new FactReading?[set.TraceFacts.Length];
        for (var f = 0; f < firingOrder.Count; f++)
        {
            var i = firingOrder[f];
            var result = state.RuleResults[i];
            var facts = set.TraceReads[i];
            // A rule that reads no fact, in its place in the evaluation order, has the same entry in every trace.
            if (facts.Length == 0 && trace.Count == i)
            {
                trace.Add(set.UnreadFirings[i * 3 + result] ??= Firing(set, i, i + 1, result, []));
                continue;
            }

            var reads = facts.Length == 0 ? [] : new FactReading[facts.Length];
            for (var k = 0; k < facts.Length; k++)
            {
                var (path, read) = set.TraceFacts[facts[k]];
                reads[k] = readings[facts[k]] ??= new FactReading(path, read(state.Case));
            }

            trace.Add(Firing(set, i, trace.Count + 1, result, reads));
        }

        return trace;
    }

    private static RuleFiring Firing(CompiledRuleSet set, int rule, int order, byte result, FactReading[] reads)
    {
        var compiled = set.Rules[rule];
        var truth = result switch { EvaluationState.True => Truth.True, EvaluationState.False => Truth.False, _ => Truth.Unknown };
        return new RuleFiring(order, compiled.Stratum, compiled.Definition.Id, compiled.Conclusion, truth,
            compiled.Definition.Kind == ConclusionKind.Criterion || result == EvaluationState.True, reads);
    }
}
