using EligibilityEngine.Runtime;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using System.Diagnostics;
using System.Globalization;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Facts;
using EligibilityEngine.Review;
using EligibilityEngine.RuleSets;
using System.Text.RegularExpressions;

namespace EligibilityEngine.Verification;

/// <summary>How one version judges a part of the decision in a region: the value (or criterion status) with its Dutch
/// label, and the rule that gave it to the region's witness (none when the outcome is undetermined or no rule applied).
/// Other cases of the region may have that value from another rule of the same value.</summary>
/// <param name="RuleChanged">The rule is not in the other version, or reads differently there.</param>
public sealed record RegionSide(string Value, string Label, string? RuleId, string? RuleTitle, string? Condition, Citation? Citation, bool RuleChanged);

/// <summary>
/// A region of the exact difference (verschilgebied): every case whose outcome (or criterion) <see cref="Id"/> has the
/// value (status) <see cref="Before"/> under the older version and <see cref="After"/> under the newer, whichever rules
/// give them. Every case in it changes; <see cref="Witness"/> is one, as a case file, and the sides name its rules.
/// </summary>
public sealed record DiffRegion(int Number, DecisionPartKind Kind, string Id, string Title, RegionSide Before, RegionSide After, string Witness)
{
    /// <summary>Whether the two engine decisions of one case put it in this region.</summary>
    public bool Contains(Decision before, Decision after) => Matches(Before, before) && Matches(After, after);

    private bool Matches(RegionSide side, Decision decision)
    {
        if (Kind == DecisionPartKind.Criterion)
            return decision.Criteria.FirstOrDefault(c => c.Id == Id) is { } c && ImpactAnalysis.Status(c.Status) == side.Value;
        return decision.Outcomes.FirstOrDefault(o => o.Id == Id) is { } o && o.Value == side.Value;
    }
}

public enum ExactDiffStatus
{
    /// <summary>The solver proved that no case outside the regions changes (for histories of at most K events).</summary>
    Proven,

    /// <summary>The solver ran out of time: the regions found are real, but that there are no others is not proven.</summary>
    Unknown,

    /// <summary>The solver found more regions than asked for: the search stopped; not proven.</summary>
    TooManyRegions,

    /// <summary>A witness the engines judge otherwise than the encoding: a bug in the encoding.</summary>
    NotReproduced,
}

/// <summary>
/// The exact difference between two versions (exact verschil): the cases with a peildatum from <see cref="AsOfFrom"/> on
/// and at most <see cref="Events"/> events whose decision differs — an outcome common to both versions with another
/// value, or a criterion common to both with another status — as regions, each a pair of ways the two versions decide one
/// part. Outcomes only one version has (<see cref="OneSidedOutcomes"/>) differ for every case and are listed apart.
/// Findings and texts are not compared (as the impact analysis does not).
/// </summary>
public sealed record ExactDifference(
    RuleSetReference From, RuleSetReference To, DateOnly AsOfFrom, int Events, IReadOnlyList<string> OneSidedOutcomes,
    IReadOnlyList<DiffRegion> Regions, ExactDiffStatus Status, int Questions, TimeSpan Time, IReadOnlyDictionary<string, string> NotVerified, string? Detail,
    int RegionsWithoutSolver = 0)
{
    /// <summary>Whether the two engine decisions of one case differ only where some region holds it: every outcome and
    /// criterion that changed lies in a region of that part.</summary>
    public bool Covers(Decision before, Decision after) =>
        ChangedParts(before, after).All(p => Regions.Any(r => r.Kind == p.Kind && r.Id == p.Id && r.Contains(before, after)));

    /// <summary>The parts common to both decisions whose value or status differs.</summary>
    public static IEnumerable<(DecisionPartKind Kind, string Id)> ChangedParts(Decision before, Decision after) =>
        before.Outcomes.Where(o => after.Outcomes.FirstOrDefault(x => x.Id == o.Id) is { } x && x.Value != o.Value).Select(o => (DecisionPartKind.Outcome, o.Id))
            .Concat(before.Criteria.Where(c => after.Criteria.FirstOrDefault(x => x.Id == c.Id) is { } x && x.Status != c.Status).Select(c => (DecisionPartKind.Criterion, c.Id)));
}

/// <summary>
/// Computes the exact difference with the solver: both versions judge one symbolic case; each question asks for a case
/// where some part differs outside the regions found so far, and its model adds a region for every such part, with the
/// case as witness. When the solver answers that there is none (unsat), that is the proof. Every witness is read back
/// from its case file and judged by both engines under both versions, which must put it in its region.
/// </summary>
public static partial class ExactDiff
{
    /// <param name="candidates">Cases to try first (the rule tests): the engine judges each under both versions, and every
    /// region one of them lies in is found without the solver, whose questions are then mostly the proof.</param>
    /// <param name="maxRegions">How many regions the solver may find before the search stops (those the engine finds with
    /// the candidates and the witnesses' neighbours cost no search and are not counted).</param>
    public static ExactDifference Compute(CompiledRuleSet from, CompiledRuleSet to, VerificationOptions options,
        IReadOnlyList<(Case Case, DateOnly AsOf)>? candidates = null, int maxRegions = 120)
    {
        var watch = Stopwatch.StartNew();
        Trace($"{from.Version.Version} → {to.Version.Version}");
        using var encoded = EncodedVersion.LoadPair(from, to, options);
        Trace("gecodeerd");
        var (a, b) = (encoded.Cases[0], encoded.Cases[1]);
        var asOfFrom = new[] { from.Version.EffectiveFrom, to.Version.EffectiveFrom }.OfType<DateOnly>().DefaultIfEmpty(Calendar.First).Min();
        var parts = Parts(from, to, a, b);
        var blocked = parts.ToDictionary(p => p, _ => new List<string>());
        var regions = new List<DiffRegion>();
        bool Witnessed(Part part, (string From, string To) values) =>
            regions.Any(r => r.Kind == part.Kind && r.Id == part.Id && r.Before.Value == values.From && r.After.Value == values.To);

        // Adds the regions a case lies in (by the value each version gives each part), each with the case as its witness.
        int Add(Func<int, (long From, long To)> codes, Func<string> witness)
        {
            var added = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var (part, (x, y)) = (parts[i], codes(i));
                var (sideFrom, sideTo) = (part.From(x), part.To(y));
                if (sideFrom.Value == sideTo.Value || Witnessed(part, (sideFrom.Value, sideTo.Value))) continue;
                regions.Add(Described(from, to, part, new DiffRegion(regions.Count + 1, part.Kind, part.Id, part.Title, sideFrom, sideTo, witness())));
                blocked[part].Add(Smt.Not(part.Gives(sideFrom.Value, sideTo.Value)));
                added++;
            }

            return added;
        }

        // Each candidate on its own peildatum and on the dates the two versions take effect, and moved into their years,
        // judged on every processor (there may be thousands of generated cases); in the candidates' order, so that the same
        // candidates give the same regions with the same witnesses.
        var dates = new[] { from.Version.EffectiveFrom, to.Version.EffectiveFrom }.OfType<DateOnly>().ToList();
        var lump = !a.ReadsEmployeeFields && !b.ReadsEmployeeFields;
        IEnumerable<(Case Case, DateOnly AsOf, (long From, long To)[] Codes)> Changed(IEnumerable<(Case Case, DateOnly AsOf)> cases) => cases.AsParallel().AsOrdered()
            .Where(c => c.AsOf >= asOfFrom && a.Case.Fits(c.Case, lump))
            .Select(c =>
            {
                var (before, after) = (CompiledEngine.Instance.Evaluate(from, c.Case, c.AsOf, EvaluationOptions.Minimal), CompiledEngine.Instance.Evaluate(to, c.Case, c.AsOf, EvaluationOptions.Minimal));
                return (c.Case, c.AsOf, Codes: parts.Select(p => (From: p.CodeFrom(before), To: p.CodeTo(after))).ToArray());
            })
            .Where(c => parts.Where((p, i) => p.From(c.Codes[i].From).Value != p.To(c.Codes[i].To).Value).Any());
        foreach (var (@case, asOf, codes) in Changed(CandidateCases.On(candidates ?? [], dates)))
            Add(i => codes[i], () => CaseYamlWriter.Write(@case, asOf));
        var byEngine = regions.Count;
        Trace($"kandidaten: {regions.Count} gebieden");
        // The neighbours of each new witness (one fact or event field unknown, one yes/no turned round, one event left out,
        // the events, the person or the application of another witness), and theirs, until none lies in a new region: a region next to a known one
        // is found by the engine, without a search.
        var explored = 0;
        void Explore()
        {
            for (var round = 0; explored < regions.Count && round < NeighbourRounds; round++)
            {
                var witnesses = regions.Select(r => CaseReader.ReadText(r.Witness, "getuige")).Select(f => (f.Case, AsOf: f.AsOf!.Value)).ToList();
                var fresh = witnesses.Skip(explored).ToList();
                explored = regions.Count;
                foreach (var (@case, asOf, codes) in Changed(fresh.SelectMany(w => CandidateCases.Neighbours(w, witnesses))))
                    byEngine += Add(i => codes[i], () => CaseYamlWriter.Write(@case, asOf));
                Trace($"buren van {fresh.Count} getuigen: {regions.Count} gebieden");
            }
        }

        Explore();

        var wanted = a.Case.Variables().Select(v => v.Name).Concat(parts.SelectMany(p => new[] { p.SignatureFrom, p.SignatureTo })).ToList();
        var (status, questions) = (ExactDiffStatus.Proven, 0);

        // The question whether a case differs in the part outside its regions and within the restriction.
        SmtScript Question(Part part, string restriction)
        {
            var query = encoded.NewQuery();
            query.Assert($"(<= {asOfFrom.DayNumber} {a.Case.AsOf})");
            query.Assert(Smt.And(blocked[part].Prepend(part.Differs).Append(restriction)));
            return query;
        }

        (SolverAnswer Answer, IReadOnlyDictionary<string, string>? Model) Asked(SmtScript query, TimeSpan budget, int lane, string label)
        {
            var asked = Stopwatch.StartNew();
            var result = encoded.Ask(query, wanted, budget, lane: lane);
            Trace($"{Interlocked.Increment(ref questions)} {label}", result.Answer, asked);
            return result;
        }

        // Adds the regions of a case the solver found (every part that differs in it gets its region, so that fewer
        // questions are needed); false when the search must stop, as the solver found as many regions as it may.
        bool Found(IReadOnlyDictionary<string, string> model)
        {
            if (regions.Count - byEngine >= maxRegions)
            {
                status = ExactDiffStatus.TooManyRegions;
                return false;
            }

            if (Add(i => (SymbolicCase.Int(model[parts[i].SignatureFrom]), SymbolicCase.Int(model[parts[i].SignatureTo])), () => a.Case.ToCaseFile(model, encoded.Texts, null)) == 0)
                throw new SolverException($"the exact difference of {from.Version.Version} and {to.Version.Version} found a case in no new region: a bug in the encoding");
            return true;
        }

        // Asks for a case that differs in the part outside its regions and within the restriction, adding the regions of
        // each case found, until the answer is unsat or unknown.
        SolverAnswer Settle(Part part, string restriction, TimeSpan budget)
        {
            while (true)
            {
                var (answer, model) = Asked(Question(part, restriction), budget, 0, part.Id);
                if (answer != SolverAnswer.Sat || !Found(model!)) return answer;
            }
        }

        // Questions asked side by side, question i on lane i mod Lanes, each lane's in their order on its own solver
        // processes, as many lanes at once as there are solver processes: the same questions get the same answers whatever
        // the timing and the number of processors; the results in the questions' order.
        T[] SideBySide<T>(IReadOnlyList<Func<int, T>> work)
        {
            var results = new T[work.Count];
            Concurrently.For(Lanes, options.Solvers, lane =>
            {
                for (var i = lane; i < work.Count; i += Lanes) results[i] = work[i](lane);
            });

            return results;
        }

        // One part at a time (docs/verification.md, "How the regions are found"): a first look with a short budget settles a
        // part no rule change reaches by simplification. For a part it does not settle, the rules proven the same in both
        // versions are asserted (once per pair), the part is looked at again, and then asked split by the values BOTH
        // versions give it: one question per pair of values that differ and have no region yet, with a short budget; a
        // pair that does not settle so is split further by the ways each version gives its value (a deciding rule,
        // undetermined, no rule; for a criterion a status), each with the full budget; and one question for any other
        // pair. Together that is the same question, so all of them unsat is the same proof; each is far simpler, as both
        // decisions are fixed, and a pair of values with a region needs no more questions. The pairs of one part are asked
        // side by side (SideBySide); those the short question does not settle are searched a wave at a time, and after each
        // wave the engine tries the neighbours of its witnesses (Explore), which often lie in the regions of pairs still to
        // search (2026-01-01 → planned-simpel-switchen: 8 regions more without a search, half the solver's CPU time).
        var firstLook = TimeSpan.FromSeconds(Math.Min(FirstLookSeconds, encoded.Timeout.TotalSeconds));
        // The deciding rule spelled out (VersionEncoding.DecidedBy), used only once the solver has shown it implied by the
        // decider's value (unsat); then a question with it is the same question.
        var spelledOut = new Dictionary<(string, long), string>();
        string Spelled(VersionEncoding side, string outcome, long code)
        {
            var decider = side.Decider(outcome);
            if (spelledOut.TryGetValue((decider, code), out var known)) return known;
            var term = side.DecidedBy(outcome, code);
            var query = encoded.NewQuery();
            query.Assert(Smt.Eq(decider, Smt.Int(code)));
            query.Assert(Smt.Not(term));
            questions++;
            return spelledOut[(decider, code)] = encoded.Ask(query, [], firstLook).Answer == SolverAnswer.Unsat ? term : Smt.True;
        }

        var sameRulesProven = false;
        foreach (var part in parts)
        {
            if (status != ExactDiffStatus.Proven) break;
            if (Settle(part, Smt.True, firstLook) != SolverAnswer.Unknown) continue;
            if (!sameRulesProven)
            {
                sameRulesProven = true;
                questions += ProveSameRules(encoded, from, to, asOfFrom);
                if (Settle(part, Smt.True, firstLook) != SolverAnswer.Unknown) continue;
            }

            var ways = part.Ways().ToList();
            string Way((long From, long To) w) => part.Kind == DecisionPartKind.Outcome
                ? Smt.And(part.Fixed(w), Spelled(a, part.Id, w.From), Spelled(b, part.Id, w.To)) : part.Fixed(w);
            string Label((long From, long To) w) => $"{part.Id} {part.From(w.From).RuleId ?? part.From(w.From).Value} → {part.To(w.To).RuleId ?? part.To(w.To).Value}";
            var pairs = ways.GroupBy(w => (part.From(w.From).Value, part.To(w.To).Value)).Where(g => !Witnessed(part, g.Key)).Select(g => g.ToList()).ToList();
            // A short question per pair of values with more than one way; for a pair it does not settle, its ways one after
            // another with the full budget until a case of the pair is found. The pairs side by side: each question built
            // here, in order, with the regions found before (none of which a case of the pair lies in), and the cases found
            // added after all of them, in the pairs' order.
            Func<int, (SolverAnswer Answer, IReadOnlyDictionary<string, string>? Model)> Look(List<(long From, long To)> pair)
            {
                if (pair.Count == 1) return _ => (SolverAnswer.Unknown, null);
                var query = Question(part, Smt.Or(pair.Select(Way)));
                return lane => Asked(query, firstLook, lane, $"{Label(pair[0])} …");
            }

            Func<int, (SolverAnswer Answer, IReadOnlyDictionary<string, string>? Model)> Search(List<(long From, long To)> pair)
            {
                var asks = pair.Select(w => (Way: w, Query: Question(part, Way(w)))).ToList();
                return lane =>
                {
                    foreach (var (w, query) in asks)
                        if (Asked(query, encoded.Timeout, lane, Label(w)) is var result && result.Answer != SolverAnswer.Unsat) return result;
                    return (SolverAnswer.Unsat, null);
                };
            }

            var looks = SideBySide(pairs.Select(Look).ToList());
            var unsettled = pairs.Where((_, i) => looks[i].Answer == SolverAnswer.Unknown).ToList();
            var searchedUnknown = false;
            foreach (var (answer, model) in looks.Where(l => l.Answer == SolverAnswer.Sat))
                if (!Found(model!)) break;
            Explore();
            // The searches a wave at a time, four pairs per lane (with fewer a wave mostly held one search that found a case
            // while the other lane's were quickly unsat: the searches that find cases ran one after another; 2024-01-01 →
            // 2026-01-01 took 32 s with two per lane, 27 s with four, 29 s with three); after each wave the neighbours of
            // its witnesses, which may lie in the regions of pairs still to search (a fact left unknown in a case the solver
            // found).
            while (status == ExactDiffStatus.Proven && unsettled.Where(p => !Witnessed(part, (part.From(p[0].From).Value, part.To(p[0].To).Value))).ToList() is { Count: > 0 } left)
            {
                var wave = left.Take(4 * Lanes).ToList();
                unsettled = left.Skip(4 * Lanes).ToList();
                var searched = SideBySide(wave.Select(Search).ToList());
                searchedUnknown |= searched.Any(r => r.Answer == SolverAnswer.Unknown);
                foreach (var (answer, model) in searched.Where(r => r.Answer == SolverAnswer.Sat))
                    if (!Found(model!)) break;
                Explore();
            }

            if (status != ExactDiffStatus.Proven) break;
            var last = searchedUnknown ? SolverAnswer.Unknown : Settle(part, Smt.Not(Smt.Or(ways.Select(part.Fixed))), encoded.Timeout);
            if (last == SolverAnswer.Unknown) status = ExactDiffStatus.Unknown;
        }

        var notReproduced = regions.FirstOrDefault(r => !Reproduces(from, to, r));
        var notVerified = a.NotVerified.Select(n => KeyValuePair.Create($"{from.Version.Version}: {n.Key}", n.Value))
            .Concat(b.NotVerified.Select(n => KeyValuePair.Create($"{to.Version.Version}: {n.Key}", n.Value))).ToDictionary();
        var oneSided = from.Outcomes.Select(o => o.Definition.Id).Except(to.Outcomes.Select(o => o.Definition.Id))
            .Concat(to.Outcomes.Select(o => o.Definition.Id).Except(from.Outcomes.Select(o => o.Definition.Id))).ToList();
        return new ExactDifference(from.Reference, to.Reference, asOfFrom, options.Events, oneSided, regions,
            notReproduced is null ? status : ExactDiffStatus.NotReproduced, questions, watch.Elapsed, notVerified,
            notReproduced is null ? null : $"gebied {notReproduced.Number}: de motoren plaatsen de getuige niet in dit gebied", byEngine);
    }

    /// <summary>A part of the decision both versions give: the term that says how each decides it (the deciding rule, or
    /// the criterion's status), whether they differ, and how each way reads.</summary>
    /// <param name="CodeFrom">The same number read from an engine's decision under the older version.</param>
    /// <param name="FromCodes">The numbers <paramref name="SignatureFrom"/> takes: the older version's deciding rules of the
    /// outcome, undetermined and no rule; or the three statuses of a criterion.</param>
    private sealed record Part(DecisionPartKind Kind, string Id, string Title, string SignatureFrom, string SignatureTo, string Differs,
        Func<long, RegionSide> From, Func<long, RegionSide> To, Func<Decision, long> CodeFrom, Func<Decision, long> CodeTo, IReadOnlyList<long> FromCodes, IReadOnlyList<long> ToCodes)
    {
        /// <summary>Every pair of ways the two versions decide the part whose values differ.</summary>
        public IEnumerable<(long From, long To)> Ways() =>
            FromCodes.SelectMany(x => ToCodes.Select(y => (From: x, To: y))).Where(w => From(w.From).Value != To(w.To).Value);

        /// <summary>The case is decided by this pair of ways.</summary>
        public string Fixed((long From, long To) way) => Smt.And(Smt.Eq(SignatureFrom, Smt.Int(way.From)), Smt.Eq(SignatureTo, Smt.Int(way.To)));

        /// <summary>The older version gives the part the value <paramref name="from"/> and the newer <paramref name="to"/>,
        /// by any of their rules (the pairs of ways that give these values).</summary>
        public string Gives(string from, string to) =>
            Smt.Or(Ways().Where(w => From(w.From).Value == from && To(w.To).Value == to).Select(Fixed));
    }

    private static List<Part> Parts(CompiledRuleSet from, CompiledRuleSet to, VersionEncoding a, VersionEncoding b)
    {
        var parts = new List<Part>();
        foreach (var (definition, rules, _) in from.Outcomes)
        {
            if (to.Outcomes.FirstOrDefault(o => o.Definition.Id == definition.Id) is not ({ } other, var otherRules, _)) continue;
            // Equal when both give a value of the same name (undetermined and "geen" included), as the impact analysis compares.
            var equal = Smt.Or(OutcomeNames(definition).SelectMany(x => OutcomeNames(other).Where(y => y.Name == x.Name)
                .Select(y => Smt.And(Smt.Eq(a.Outcome(definition.Id)!.Value.Term, Smt.Int(x.Code)), Smt.Eq(b.Outcome(definition.Id)!.Value.Term, Smt.Int(y.Code))))));
            parts.Add(new Part(DecisionPartKind.Outcome, definition.Id, definition.Title, a.Decider(definition.Id), b.Decider(definition.Id), Smt.Not(equal),
                d => OutcomeSide(from, to, definition.Id, d), d => OutcomeSide(to, from, definition.Id, d),
                d => Decider(from, d.Outcome(definition.Id)), d => Decider(to, d.Outcome(definition.Id)),
                Ways(rules), Ways(otherRules)));
        }

        foreach (var (id, rule) in from.Criteria)
        {
            if (to.Criteria.FirstOrDefault(c => c.Id == id).Id is null) continue;
            var (statusFrom, statusTo) = (Status(a.Criterion(id)!.Value), Status(b.Criterion(id)!.Value));
            parts.Add(new Part(DecisionPartKind.Criterion, id, from.Rules[rule].Definition.Title ?? id, statusFrom, statusTo, Smt.Not(Smt.Eq(statusFrom, statusTo)),
                s => CriterionSide(from, to, id, s), s => CriterionSide(to, from, id, s),
                d => Array.IndexOf(StatusNames, ImpactAnalysis.Status(d.Criterion(id).Status)), d => Array.IndexOf(StatusNames, ImpactAnalysis.Status(d.Criterion(id).Status)),
                [0, 1, 2], [0, 1, 2]));
        }

        return parts;
    }

    /// <summary>
    /// The rules that judge every case (from the peildatum on) the same in both versions, proven by the solver and then
    /// asserted for every later question. A proven equality changes no question's answer; it spares the solver proving it
    /// again in each question (the AOW age of PL-C-LEEFTIJD took it seconds every time, through lookups per version).
    /// Asked, in stratum order, only of a rule whose cone is unchanged: the same id and condition in both versions, no
    /// parameter it reads changed, and every conclusion it reads made by the same rules in the same order, each already
    /// proven the same (an outcome also with the same values). A rule whose question is not unsat within its budget gets
    /// no assertion. Returns the number of questions.
    /// </summary>
    private static int ProveSameRules(EncodedVersion encoded, CompiledRuleSet from, CompiledRuleSet to, DateOnly asOfFrom)
    {
        var (a, b) = (encoded.Cases[0], encoded.Cases[1]);
        var inPeriod = $"(<= {asOfFrom.DayNumber} {a.Case.AsOf})";
        var changedParameters = RuleSetDiff.Compare(from, to).Parameters.Select(p => p.Id).ToHashSet();
        var same = new HashSet<string>();
        bool SameConclusion(ConclusionKind kind, int index)
        {
            var (id, rules, values) = Conclusion(from, kind, index);
            var other = Enumerable.Range(0, kind switch { ConclusionKind.Criterion => to.Criteria.Length, ConclusionKind.Finding => to.Findings.Length, _ => to.Outcomes.Length })
                .Select(i => Conclusion(to, kind, i)).FirstOrDefault(c => c.Id == id);
            return other.Id is not null && values.SequenceEqual(other.Values)
                && rules.Select(r => from.Rules[r].Definition.Id).SequenceEqual(other.Rules.Select(r => to.Rules[r].Definition.Id))
                && rules.All(r => same.Contains(from.Rules[r].Definition.Id));
        }

        var questions = 0;
        for (var i = 0; i < from.Rules.Length; i++)
        {
            var rule = from.Rules[i];
            var j = to.Rules.ToList().FindIndex(r => r.Definition.Id == rule.Definition.Id);
            if (j < 0 || to.Rules[j].Definition.When.Text != rule.Definition.When.Text || a.NotVerified.ContainsKey(rule.Definition.Id) || b.NotVerified.ContainsKey(rule.Definition.Id)
                || ParameterRead().Matches(rule.Definition.When.Text).Any(m => changedParameters.Contains(m.Groups[1].Value))
                || !rule.Reads.All(c => SameConclusion(c.Kind, c.Index))) continue;
            var (x, y) = (a.Rule(i), b.Rule(j));
            var equal = Smt.And(Smt.Eq(x.Known, y.Known), Smt.Implies(x.Known, Smt.Eq(x.Value, y.Value)));
            var query = encoded.NewQuery();
            query.Assert(inPeriod);
            query.Assert(Smt.Not(equal));
            var asked = Stopwatch.StartNew();
            var answer = encoded.Ask(query, []).Answer;
            questions++;
            Trace($"zelfde regel {rule.Definition.Id}", answer, asked);
            if (answer != SolverAnswer.Unsat) continue;
            encoded.AssertProven(Smt.Implies(inPeriod, equal));
            same.Add(rule.Definition.Id);
        }

        return questions;
    }

    /// <summary>Each question with its answer and time on stderr when EE_DIFF_TRACE is set: where an exact difference spends its time.</summary>
    private static void Trace(string question, SolverAnswer answer, Stopwatch asked) =>
        Trace(string.Create(CultureInfo.InvariantCulture, $"{question}: {answer} {asked.Elapsed.TotalSeconds:0.000} s"));

    /// <summary>A line of the trace, after the seconds since the first line (the gaps between lines are the engine's own
    /// work). A stopwatch, not the clock: the engine reads no clock.</summary>
    private static void Trace(string line)
    {
        if (Environment.GetEnvironmentVariable("EE_DIFF_TRACE") is not null)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TraceWatch.Elapsed.TotalSeconds,8:0.000} {line}"));
    }

    private static readonly Stopwatch TraceWatch = Stopwatch.StartNew();

    private static (string Id, int[] Rules, IReadOnlyList<string> Values) Conclusion(CompiledRuleSet set, ConclusionKind kind, int index) => kind switch
    {
        ConclusionKind.Criterion => (set.Criteria[index].Id, [set.Criteria[index].Rule], []),
        ConclusionKind.Finding => (set.Findings[index].Id, set.Findings[index].Rules, []),
        _ => (set.Outcomes[index].Definition.Id, set.Outcomes[index].Rules, set.Outcomes[index].Definition.Values),
    };

    [GeneratedRegex(@"\bparam\.([A-Za-z0-9_]+)")]
    private static partial Regex ParameterRead();

    /// <summary>The lanes of solver processes that ask a part's pairs of values side by side. A fixed number, not one per
    /// processor: z3's answer to a question depends on what its process was asked before (seen as other witnesses with one
    /// process than with two), so the same lanes on one processor or two give the same regions and witnesses.</summary>
    private const int Lanes = 2;

    /// <summary>The budget of a part's first, whole question, in seconds: enough for the parts no change reaches, which
    /// simplification settles; a part it does not settle is split by both versions' ways of deciding it.</summary>
    private const double FirstLookSeconds = 1;

    /// <summary>How many times the neighbours of new witnesses are tried before the solver.</summary>
    private const int NeighbourRounds = 4;

    /// <summary>The ways a version decides an outcome: each of its deciding rules, undetermined, no rule applied.</summary>
    private static long[] Ways(int[] rules) => [.. rules.Select(r => (long)r), EvaluationState.Undetermined, EvaluationState.NoValue];

    /// <summary>The deciding rule of an engine's outcome, numbered as <see cref="VersionEncoding.Decider"/> numbers it.</summary>
    private static long Decider(CompiledRuleSet set, OutcomeResult outcome) => outcome.Status switch
    {
        OutcomeStatus.Undetermined => EvaluationState.Undetermined,
        OutcomeStatus.NoRuleApplied => EvaluationState.NoValue,
        _ => set.Rules.ToList().FindIndex(r => r.Definition.Id == outcome.RuleId),
    };

    private static IEnumerable<(string Name, int Code)> OutcomeNames(RuleSets.OutcomeDefinition definition) =>
        definition.Values.Select((v, i) => (v, i)).Append((definition.UndeterminedValue, EvaluationState.Undetermined)).Append(("geen", EvaluationState.NoValue));

    /// <summary>A criterion's status as a number: 0 met, 1 not met, 2 undetermined.</summary>
    private static string Status(Sym criterion) => Smt.Ite(criterion.Known, Smt.Ite(criterion.Value, "0", "1"), "2");

    private static readonly string[] StatusNames = ["met", "not_met", "undetermined"];
    private static readonly string[] StatusLabels = ["voldaan", "niet voldaan", "onbepaald"];

    private static RegionSide OutcomeSide(CompiledRuleSet set, CompiledRuleSet other, string outcome, long decider)
    {
        var definition = set.Outcomes.First(o => o.Definition.Id == outcome).Definition;
        if (decider < 0)
        {
            var value = decider == EvaluationState.Undetermined ? definition.UndeterminedValue : "geen";
            return new RegionSide(value, decider == EvaluationState.Undetermined ? definition.Label(value) : "geen regel van toepassing", null, null, null, null, false);
        }

        var rule = set.Rules[(int)decider];
        var name = definition.Values[rule.ValueIndex];
        return RuleSide(name, definition.Label(name), rule, other);
    }

    private static RegionSide CriterionSide(CompiledRuleSet set, CompiledRuleSet other, string criterion, long status) =>
        RuleSide(StatusNames[(int)status], StatusLabels[(int)status], set.Rules[set.Criteria.First(c => c.Id == criterion).Rule], other);

    private static RegionSide RuleSide(string value, string label, CompiledRule rule, CompiledRuleSet other)
    {
        var same = other.Rules.FirstOrDefault(r => r.Definition.Id == rule.Definition.Id);
        return new RegionSide(value, label, rule.Definition.Id, rule.Definition.Title, rule.Definition.When.Text, rule.Citation,
            same is null || same.Definition.When.Text != rule.Definition.When.Text);
    }

    /// <summary>
    /// The witness with as little as it needs: each event and each known fact left out in turn (a line of the case file,
    /// or an event's lines), kept out when the compiled engine still puts the case in the region under both versions. The
    /// solver's case says whatever it happened to choose; a lawyer reads the smaller one. Both engines judge the result
    /// (<see cref="Reproduces"/>).
    /// </summary>
    private static string Smaller(CompiledRuleSet from, CompiledRuleSet to, DiffRegion region)
    {
        bool InRegion(List<string> lines) =>
            Judged(from, to, string.Join('\n', lines) + "\n") is ({ } before, { } after) && region.Contains(before, after);

        var kept = region.Witness.TrimEnd('\n').Split('\n').ToList();
        if (!InRegion(kept)) return region.Witness;
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            if (i >= kept.Count || kept[i].EndsWith(':') || kept[i].StartsWith("version", StringComparison.Ordinal) || kept[i].StartsWith("as_of", StringComparison.Ordinal)) continue;
            // An event is its "- type" line and the lines under it; a fact, an employee's line or an event field is one line.
            var count = kept[i].StartsWith("  - ", StringComparison.Ordinal)
                ? 1 + kept.Skip(i + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Count()
                : kept[i].StartsWith("    date:", StringComparison.Ordinal) || kept[i].StartsWith("    - ", StringComparison.Ordinal) || kept[i].StartsWith("      ", StringComparison.Ordinal) ? 0 : 1;
            if (count == 0) continue;
            var trial = kept.Take(i).Concat(kept.Skip(i + count)).ToList();
            // A section (person:, application:, events:) left empty goes too.
            trial = trial.Where((l, j) => !(l.EndsWith(':') && !l.StartsWith(' ') && (j + 1 >= trial.Count || !trial[j + 1].StartsWith(' ')))).ToList();
            if (InRegion(trial)) kept = trial;
        }

        return string.Join('\n', kept) + "\n";
    }

    /// <summary>The region with its witness made smaller, and its sides naming the rules that decide that witness (the
    /// solver's case may have had other rules of the same values).</summary>
    private static DiffRegion Described(CompiledRuleSet from, CompiledRuleSet to, Part part, DiffRegion region)
    {
        var smaller = region with { Witness = Smaller(from, to, region) };
        return Judged(from, to, smaller.Witness) is ({ } before, { } after) && smaller.Contains(before, after)
            ? smaller with { Before = part.From(part.CodeFrom(before)), After = part.To(part.CodeTo(after)) }
            : smaller;
    }

    /// <summary>A case file judged by the compiled engine under both versions; null when it does not read.</summary>
    private static (Decision Before, Decision After)? Judged(CompiledRuleSet from, CompiledRuleSet to, string caseFile)
    {
        try
        {
            var file = CaseReader.ReadText(caseFile, "getuige");
            return (CompiledEngine.Instance.Evaluate(from, file.Case, file.AsOf!.Value, EvaluationOptions.Minimal),
                CompiledEngine.Instance.Evaluate(to, file.Case, file.AsOf!.Value, EvaluationOptions.Minimal));
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }

    private static readonly IDecisionEngine NRules = DecisionEngines.Create(EngineKind.NRules);

    /// <summary>The witness read back from its case file and judged by both engines under both versions: they agree, and
    /// put it in the region.</summary>
    private static bool Reproduces(CompiledRuleSet from, CompiledRuleSet to, DiffRegion region)
    {
        var file = CaseReader.ReadText(region.Witness, $"getuige van gebied {region.Number}");
        Decision Judge(CompiledRuleSet set)
        {
            var compiled = CompiledEngine.Instance.Evaluate(set, file.Case, file.AsOf!.Value, EvaluationOptions.Minimal);
            var nrules = NRules.Evaluate(set, file.Case, file.AsOf!.Value, EvaluationOptions.Minimal);
            return VersionEncoding.DecisionOf(compiled).SequenceEqual(VersionEncoding.DecisionOf(nrules)) ? compiled
                : throw new SolverException($"the engines disagree on the witness of region {region.Number}");
        }

        return region.Contains(Judge(from), Judge(to));
    }
}
