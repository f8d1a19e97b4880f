using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Evaluation;

/// <summary>
/// Runs a compiled version over one case: every rule once (refraction), in the precomputed order, reading and writing
/// the working memory; then builds the decision. Unknown is carried through, never read as false.
/// </summary>
public static class Evaluator
{
    public static Decision Evaluate(CompiledRuleSet set, Case @case, DateOnly asOf, EvaluationOptions options, IReadOnlyList<string>? notices = null)
    {
        // As of the peildatum, an application made later has not happened yet, just like later events.
        var futureApplication = @case.Application.Date > asOf;
        var state = set.NewState();
        state.Case = futureApplication ? @case with { Application = new Application() } : @case;
        state.AsOfDay = asOf.DayNumber;
        state.Events = EventsUpTo(@case.Events, asOf, out var ignored);

        var missing = Run(set, state, options.MissingFacts);
        return Build(set, state, asOf, options, missing, Notices(set, ignored, futureApplication, notices));
    }

    /// <summary>The core loop; returns per-entity missing facts when asked for, allocated only when something was unknown.</summary>
    private static Missing? Run(CompiledRuleSet set, EvaluationState state, bool captureMissing)
    {
        Missing? missing = null;
        var rules = set.Rules;
        var results = state.RuleResults;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            state.MissingCount = 0;
            var result = rule.Condition(state);
            var truth = result.HasValue ? (result.Value ? EvaluationState.True : EvaluationState.False) : EvaluationState.Unknown;
            results[i] = truth;
            if (truth == EvaluationState.Unknown && captureMissing)
            {
                missing ??= new Missing(set);
                missing.CaptureRule(i, state);
            }

            switch (rule.Kind)
            {
                case ConclusionKind.Criterion:
                    state.Criteria[rule.TargetIndex] = truth;
                    break;
                case ConclusionKind.Finding:
                    // Asserted if any producer is true; unknown if none is true and one is unknown.
                    ref var finding = ref state.Findings[rule.TargetIndex];
                    if (truth == EvaluationState.True) finding = EvaluationState.True;
                    else if (truth == EvaluationState.Unknown && finding != EvaluationState.True) finding = EvaluationState.Unknown;
                    break;
            }

            foreach (var outcome in rule.ResolvesOutcomes) ResolveOutcome(set, state, outcome);
        }

        return missing;
    }

    /// <summary>
    /// The first rule of the outcome (in file order) whose condition is true decides its value — unless an earlier
    /// rule that would give a different value is unknown: then the outcome is undetermined.
    /// </summary>
    private static void ResolveOutcome(CompiledRuleSet set, EvaluationState state, int outcome)
    {
        var rules = set.Rules;
        var unknownValues = 0UL;
        var anyUnknown = false;
        foreach (var p in set.Outcomes[outcome].Rules)
        {
            var value = rules[p].ValueIndex;
            var result = state.RuleResults[p];
            if (result == EvaluationState.True)
            {
                var blocked = (unknownValues & ~(1UL << value)) != 0;
                state.Outcomes[outcome] = blocked ? EvaluationState.Undetermined : value;
                return;
            }

            if (result == EvaluationState.Unknown)
            {
                unknownValues |= 1UL << value;
                anyUnknown = true;
            }
        }

        state.Outcomes[outcome] = anyUnknown ? EvaluationState.Undetermined : EvaluationState.NoValue;
    }

    /// <summary>The events up to the peildatum, oldest first; equal dates keep their order in the case (stable).</summary>
    private static CaseEvent[] EventsUpTo(IReadOnlyList<CaseEvent> events, DateOnly asOf, out int ignored)
    {
        var count = 0;
        for (var i = 0; i < events.Count; i++) if (events[i].Date <= asOf) count++;
        ignored = events.Count - count;
        if (count == 0) return [];
        var kept = new CaseEvent[count];
        var k = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Date > asOf) continue;
            // Insertion sort: histories are short and usually already in date order, so this is linear.
            var j = k++;
            while (j > 0 && kept[j - 1].Date > e.Date) { kept[j] = kept[j - 1]; j--; }
            kept[j] = e;
        }

        return kept;
    }

    private static IReadOnlyList<string> Notices(CompiledRuleSet set, int ignoredEvents, bool futureApplication, IReadOnlyList<string>? extra)
    {
        if (!set.Version.Planned && ignoredEvents == 0 && !futureApplication && extra is not { Count: > 0 }) return [];
        var notices = new List<string>();
        if (set.Version.Planned)
            notices.Add($"LET OP: dit besluit gebruikt de GEPLANDE regelset '{set.Version.Version}' ({set.Version.Title}). " +
                        "Deze regels zijn (nog) geen geldend recht; de uitkomst laat zien wat er zou gelden als zij in werking treden.");
        if (ignoredEvents > 0)
            notices.Add($"{ignoredEvents} gebeurtenis(sen) na de peildatum zijn buiten beschouwing gelaten.");
        if (futureApplication)
            notices.Add("De aanvraag is gedaan na de peildatum en is daarom buiten beschouwing gelaten.");
        if (extra is not null) notices.AddRange(extra);
        return notices;
    }

    private static Decision Build(CompiledRuleSet set, EvaluationState state, DateOnly asOf, EvaluationOptions options, Missing? missing, IReadOnlyList<string> notices)
    {
        var explain = options.Explain;
        var rules = set.Rules;
        var criterionArray = set.Criteria;
        var criteria = new CriterionResult[criterionArray.Length];
        for (var c = 0; c < criterionArray.Length; c++)
        {
            var (id, ruleIndex) = criterionArray[c];
            var rule = rules[ruleIndex];
            var (status, key) = state.Criteria[c] switch
            {
                EvaluationState.True => (CriterionStatus.Met, "met"),
                EvaluationState.False => (CriterionStatus.NotMet, "not_met"),
                _ => (CriterionStatus.Undetermined, "undetermined"),
            };
            criteria[c] = new CriterionResult(
                id, rule.Definition.Title!, status,
                explain ? rule.Explanations[key].Render(state) : "",
                rule.Definition.Id, rule.Citation,
                missing?.ForRule(ruleIndex) ?? []);
        }

        var outcomeArray = set.Outcomes;
        var outcomes = new OutcomeResult[outcomeArray.Length];
        for (var o = 0; o < outcomeArray.Length; o++)
        {
            var (definition, producers, undetermined) = outcomeArray[o];
            var value = state.Outcomes[o];
            if (value >= 0)
            {
                var rule = rules[FirstTrue(state, producers)];
                outcomes[o] = new OutcomeResult(definition.Id, definition.Title, OutcomeStatus.Decided, definition.Values[value],
                    rule.Definition.Values, explain ? rule.Explanations["fired"].Render(state) : "", rule.Definition.Id, rule.Citation, []);
            }
            else
            {
                var isUndetermined = value == EvaluationState.Undetermined;
                outcomes[o] = new OutcomeResult(definition.Id, definition.Title,
                    isUndetermined ? OutcomeStatus.Undetermined : OutcomeStatus.NoRuleApplied,
                    isUndetermined ? definition.UndeterminedValue : "geen",
                    NoValues,
                    isUndetermined && explain ? undetermined.Render(state) : isUndetermined ? "" : "Geen van de regels voor deze uitkomst is van toepassing.",
                    null, null,
                    isUndetermined && missing is not null ? missing.ForRules(producers.Where(p => state.RuleResults[p] == EvaluationState.Unknown)) : []);
            }
        }

        var findingArray = set.Findings;
        var findings = new List<FindingResult>();
        for (var f = 0; f < findingArray.Length; f++)
        {
            if (state.Findings[f] != EvaluationState.True) continue;
            var rule = rules[FirstTrue(state, findingArray[f].Rules)];
            findings.Add(new FindingResult(findingArray[f].Id, explain ? rule.Explanations["fired"].Render(state) : "", rule.Definition.Id, rule.Citation));
        }

        return new Decision(set.Reference, asOf, outcomes, criteria, findings, MissingFacts(set, criteria, outcomes, missing), notices,
            options.Trace ? Trace(set, state) : null);
    }

    private static int FirstTrue(EvaluationState state, int[] rules)
    {
        foreach (var r in rules)
            if (state.RuleResults[r] == EvaluationState.True) return r;
        throw new InvalidOperationException("no producer fired");
    }

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    private static List<MissingFact> MissingFacts(CompiledRuleSet set, CriterionResult[] criteria, OutcomeResult[] outcomes, Missing? missing)
    {
        if (missing is null) return [];
        var affects = new SortedDictionary<string, (string Label, List<string> Affects, bool Outcome)>(StringComparer.Ordinal);
        void Add(string entity, IReadOnlyList<string> paths, bool outcome)
        {
            foreach (var path in paths)
            {
                var entry = affects.TryGetValue(path, out var found) ? found : (missing.LabelOf(path), [], false);
                entry.Affects.Add(entity);
                affects[path] = entry with { Outcome = entry.Outcome || outcome };
            }
        }

        foreach (var c in criteria.Where(c => c.Status == CriterionStatus.Undetermined)) Add("criterium " + c.Id, c.MissingFacts, outcome: false);
        foreach (var o in outcomes.Where(o => o.Status == OutcomeStatus.Undetermined)) Add("uitkomst " + o.Id, o.MissingFacts, outcome: true);
        return affects.Select(a => new MissingFact(a.Key, a.Value.Label, a.Value.Affects, a.Value.Outcome)).ToList();
    }

    private static List<RuleFiring> Trace(CompiledRuleSet set, EvaluationState state)
    {
        var trace = new List<RuleFiring>(set.Rules.Length);
        for (var i = 0; i < set.Rules.Length; i++)
        {
            var rule = set.Rules[i];
            var result = state.RuleResults[i] switch { EvaluationState.True => "waar", EvaluationState.False => "onwaar", _ => "onbekend" };
            var reads = rule.FactsRead
                .Select(path => new FactReading(path, set.FactReaders.TryGetValue(path, out var read) ? read(state.Case) : EmployeesText(state.Case)))
                .ToList();
            trace.Add(new RuleFiring(i + 1, rule.Stratum, rule.Definition.Id, rule.Conclusion, result,
                rule.Definition.Kind == ConclusionKind.Criterion || state.RuleResults[i] == EvaluationState.True, reads));
        }

        return trace;
    }

    private static string EmployeesText(Case @case) =>
        @case.Municipality.Employees is { } list ? $"{list.Count} dienstbetrekking(en)" : "onbekend";

    /// <summary>Missing facts per rule, expanded through the criteria, findings and outcomes a rule read.</summary>
    private sealed class Missing(CompiledRuleSet set)
    {
        private readonly List<string>?[] _byRule = new List<string>?[set.Rules.Length];
        private readonly Dictionary<string, string> _labels = [];

        public void CaptureRule(int rule, EvaluationState state)
        {
            var paths = new List<string>();
            for (var k = 0; k < state.MissingCount; k++)
            {
                var leaf = set.Leaves[state.MissingLeaves[k]];
                switch (leaf.Kind)
                {
                    case LeafKind.Fact:
                        AddPath(paths, leaf.Path, leaf.Label);
                        break;
                    case LeafKind.TableRow:
                        var detail = state.MissingDetails[k];
                        AddPath(paths, $"{leaf.Path}[{detail}]", $"{leaf.Label} ({detail}) ontbreekt in de tabel");
                        break;
                    case LeafKind.Criterion:
                        AddAll(paths, ForRule(set.Criteria[leaf.Index].Rule));
                        break;
                    case LeafKind.Finding:
                        AddAll(paths, ForRules(set.Findings[leaf.Index].Rules.Where(p => state.RuleResults[p] == EvaluationState.Unknown)));
                        break;
                    case LeafKind.Outcome:
                        AddAll(paths, ForRules(set.Outcomes[leaf.Index].Rules.Where(p => state.RuleResults[p] == EvaluationState.Unknown)));
                        break;
                }
            }

            _byRule[rule] = paths;
        }

        public IReadOnlyList<string> ForRule(int rule) => _byRule[rule] ?? [];

        public IReadOnlyList<string> ForRules(IEnumerable<int> rules)
        {
            var paths = new List<string>();
            foreach (var r in rules) AddAll(paths, ForRule(r));
            return paths;
        }

        public string LabelOf(string path) => _labels.GetValueOrDefault(path, path);

        private void AddPath(List<string> paths, string path, string label)
        {
            _labels.TryAdd(path, label);
            if (!paths.Contains(path)) paths.Add(path);
        }

        private static void AddAll(List<string> paths, IEnumerable<string> more)
        {
            foreach (var p in more)
                if (!paths.Contains(p)) paths.Add(p);
        }
    }
}
