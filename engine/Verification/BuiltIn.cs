using System.Diagnostics;
using System.Globalization;
using EligibilityEngine.Compilation;
using EligibilityEngine.Conditions;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Verification;

/// <summary>
/// The properties every version must have, whatever its law: every rule can apply and every value an outcome's rules give
/// can be reached; with every fact known no outcome is undetermined (completeness); learning one more fact never changes
/// an outcome that was already determined (monotonicity of unknown, per fact); the order in which the history's events are
/// given does not matter. Their ids start with <c>ingebouwd.</c>; a property file may record one as a known defect of the
/// law (expected: violated, with a reason) under that id.
/// </summary>
internal static class BuiltIn
{
    public const string Prefix = "ingebouwd.";

    /// <summary>The built-in questions wanted, each to be asked of a loaded version.</summary>
    /// <param name="events">K, the bound of the history: event order is asked as one question per pair of neighbouring
    /// slots, so that the solver processes share them out; <see cref="Verifier"/> merges results of one id.</param>
    public static IEnumerable<Func<Verifier.Run, PropertyResult>> Questions(Func<string, string?> expected, Func<string, bool> wanted, int events)
    {
        if (wanted(Prefix + RulesCanApplyId)) yield return RulesCanApply;
        if (wanted(Prefix + ValuesReachableId)) yield return ValuesReachable;
        if (wanted(Prefix + CompleteId)) yield return run => Complete(run, expected);
        foreach (var fact in MonotoneFacts.Where(f => wanted(Prefix + MonotoneId(f))))
            yield return run => Monotone(run, fact, expected);
        if (!wanted(Prefix + OrderFreeId)) yield break;
        if (events < 2) yield return run => OrderFree(run, null, expected);
        for (var swap = 0; swap + 1 < events; swap++)
        {
            var each = swap;
            yield return run => OrderFree(run, each, expected);
        }
    }

    private const string RulesCanApplyId = "regels-kunnen-gelden";
    private const string ValuesReachableId = "uitkomsten-bereikbaar";
    private const string CompleteId = "volledigheid";
    private const string OrderFreeId = "volgorde-geschiedenis";
    private static readonly IReadOnlyList<string> MonotoneFacts = [.. FactModel.CaseFields.Keys, SymbolicCase.EmployeesFact];

    private static string MonotoneId(string fact) => $"monotonie.{fact}";

    /// <summary>The ids of every built-in property (one per fact for monotonicity).</summary>
    public static IEnumerable<string> Ids =>
        new[] { RulesCanApplyId, ValuesReachableId, CompleteId }.Concat(MonotoneFacts.Select(MonotoneId)).Append(OrderFreeId).Select(id => Prefix + id);

    private static LegalProperty Property(string id, string statement, Func<string, string?> expected) =>
        new(Prefix + id, statement, "ingebouwde eigenschap van elke versie", null, null, null, null, null, [], expected(Prefix + id), default);

    /// <summary>A rule whose condition no case makes true can never decide anything: a dead rule.</summary>
    private static PropertyResult RulesCanApply(Verifier.Run run)
    {
        var watch = Stopwatch.StartNew();
        var set = run.Encoded.Set;
        var goals = set.Rules.Select((r, i) => new Goal(r.Definition.Id, run.A.Rule(i).IsTrue,
            d => d.Trace!.Any(f => f.RuleId == r.Definition.Id && f.Result == Truth.True))).ToList();
        return Witnessed(RulesCanApplyId, "Elke regel is voor ten minste één casus van toepassing (geen dode regels).",
            Witnesses(run, goals), "nooit van toepassing", watch);
    }

    private static PropertyResult ValuesReachable(Verifier.Run run)
    {
        var watch = Stopwatch.StartNew();
        var set = run.Encoded.Set;
        var goals = set.Outcomes.SelectMany(o => o.Rules.Select(p => set.Rules[p].ValueIndex).Distinct()
            .Select(v => new Goal($"{o.Definition.Id} = {o.Definition.Values[v]}", Smt.Eq(run.A.Outcome(o.Definition.Id)!.Value.Term, Smt.Int(v)),
                d => d.Outcome(o.Definition.Id) is { Status: OutcomeStatus.Decided } r && r.Value == o.Definition.Values[v]))).ToList();
        return Witnessed(ValuesReachableId, "Elke waarde die een regel aan een uitkomst geeft, komt voor ten minste één casus uit.",
            Witnesses(run, goals), "nooit de uitkomst", watch);
    }

    /// <summary>Something some case must make true: a term of the encoding, and the same read from an engine's decision.</summary>
    private sealed record Goal(string Name, string Term, Func<Decision, bool> Seen);

    /// <summary>What was found of a list of goals: the ones no case makes true, the ones left undecided in time, and how
    /// many were witnessed by a candidate case and how many by the solver.</summary>
    private sealed record Witnessing(List<string> Failed, List<string> Unknown, int ByCandidates, int BySolver);

    /// <summary>Cases that make each goal true. The candidate cases first (the engine's decisions: no solver needed); then one
    /// question for all goals still open, every goal the answer's case makes true is witnessed, until none is open (or
    /// none can be: those are the failures).</summary>
    private static Witnessing Witnesses(Verifier.Run run, IReadOnlyList<Goal> goals)
    {
        var open = goals.ToList();
        foreach (var decision in run.Judged)
        {
            open.RemoveAll(g => g.Seen(decision));
            if (open.Count == 0) break;
        }

        var (failed, unknown) = Search(run, open);
        return new Witnessing(failed, unknown, goals.Count - open.Count, open.Count - failed.Count - unknown.Count);
    }

    private static (List<string> Failed, List<string> Unknown) Search(Verifier.Run run, List<Goal> open)
    {
        while (open.Count > 0)
        {
            var query = run.Query();
            var names = open.Select(g => query.Define(query.FreshName(), "Bool", g.Term)).ToList();
            query.Assert(Smt.Or(names));
            var (answer, model) = run.Encoded.Ask(query, names);
            if (answer == SolverAnswer.Unsat) return (open.Select(g => g.Name).ToList(), []);
            if (answer == SolverAnswer.Unknown) return open.Count == 1 ? ([], [open[0].Name]) : OneByOne(run, open);
            open = open.Where((_, i) => model![names[i]] != Smt.True).ToList();
        }

        return ([], []);
    }

    /// <summary>When the question for all open goals runs out of time: each goal on its own.</summary>
    private static (List<string> Failed, List<string> Unknown) OneByOne(Verifier.Run run, IReadOnlyList<Goal> goals)
    {
        var (failed, unknown) = (new List<string>(), new List<string>());
        foreach (var goal in goals)
        {
            var (f, u) = Search(run, [goal]);
            failed.AddRange(f);
            unknown.AddRange(u);
        }

        return (failed, unknown);
    }

    private static PropertyResult Witnessed(string id, string statement, Witnessing w, string what, Stopwatch watch) =>
        new(Prefix + id, statement, "ingebouwde eigenschap van elke versie", null,
            w.Failed.Count > 0 ? PropertyStatus.Violated : w.Unknown.Count > 0 ? PropertyStatus.Unknown : PropertyStatus.Proven, watch.Elapsed,
            Detail: (w.Failed.Count > 0 ? $"{what}: {string.Join(", ", w.Failed)}. " : "")
                + (w.Unknown.Count > 0 ? $"niet beslist binnen de tijd: {string.Join(", ", w.Unknown)}. " : "")
                + $"Aangetoond met een casus: {w.ByCandidates} met een regeltest, voorbeeldcasus of gegenereerde casus, {w.BySolver} met een casus van de oplosser.");

    private static PropertyResult Complete(Verifier.Run run, Func<string, string?> expected)
    {
        var watch = Stopwatch.StartNew();
        var property = Property(CompleteId,
            "Als alle gegevens bekend zijn en de tabellen van de regels de getallen bevatten waar de casus om vraagt, is geen enkele uitkomst onbepaald.", expected);
        var query = run.Query();
        query.Assert(run.A.Case.Complete());
        // A row the law does not (yet) give — the pensioengerechtigde leeftijd of a year not yet set, the quota of a year
        // without a regeling — rightly leaves an outcome undetermined, and the decision names the row as missing.
        query.Assert(run.A.TableRowsPresent);
        query.Assert(Smt.Or(run.A.OutcomeTerms.Select(o => Smt.Eq(o, Smt.Int(EvaluationState.Undetermined)))));
        var result = run.Solve(property, query, two: false, watch, (_, d) => d[0].Outcomes.Any(o => o.Status == OutcomeStatus.Undetermined));
        if (result.Status == PropertyStatus.Proven)
        {
            // Proven of no case at all would say nothing: some case of the period must know every fact within the tables.
            var premise = run.Query();
            premise.Assert(run.A.Case.Complete());
            premise.Assert(run.A.TableRowsPresent);
            var answer = run.Encoded.Ask(premise, []).Answer;
            if (answer != SolverAnswer.Sat)
                result = result with
                {
                    Status = answer == SolverAnswer.Unsat ? PropertyStatus.Violated : PropertyStatus.Unknown,
                    Detail = answer == SolverAnswer.Unsat
                        ? "Geen enkele casus van deze versie kent alle gegevens binnen de tabellen: de volledigheid zegt dan niets."
                        : "Niet beslist binnen de tijd of er een casus is die alle gegevens binnen de tabellen kent.",
                };
        }

        var tables = TableExtents(run.Encoded.Set);
        return tables.Length == 0 ? result : result with
        {
            Detail = $"Buiten de tabellen ({tables}) ontbreekt een getal dat de wet nog niet of niet voor die gemeente geeft; " +
                "daar is een uitkomst terecht onbepaald en noemt de beslissing de ontbrekende rij." + (result.Detail is null ? "" : " " + result.Detail),
        };
    }

    /// <summary>The version's tables with the years their rows cover (or their number of rows, without a year key).</summary>
    private static string TableExtents(CompiledRuleSet set) => string.Join("; ", set.Version.Parameters
        .Where(p => p.Table is { Count: > 0 })
        .Select(p =>
        {
            var year = p.Table!.Keys.ToList().FindIndex(k => k.Name == "year");
            if (year < 0) return $"param.{p.Name}: {p.Table.Count} rijen";
            var years = p.Table.Rows().Select(r => r.Key[year]).Select(k => int.Parse(k, CultureInfo.InvariantCulture)).ToList();
            return $"param.{p.Name}: {years.Min()}–{years.Max()}";
        }));

    /// <summary>
    /// Case b knows one fact more than case a and is otherwise the same: no outcome a determined may differ in b.
    /// A rule that asks whether the fact is known (<c>F is unknown</c>, <c>F is known</c>, or <c>first_known(F, …)</c>, which
    /// takes the next value when F is unknown) gives "unknown" a meaning of its own on purpose — "no request in the case",
    /// "no number of the municipality's own: the regeling's" — and does not read unknown as no. Such rules are held
    /// equal in a and b (<see cref="PresenceTests"/>): what learning the fact changes through them is what they say,
    /// every other way the fact is read is checked. The rules held equal are named in the result.
    /// </summary>
    private static PropertyResult Monotone(Verifier.Run run, string fact, Func<string, string?> expected)
    {
        var watch = Stopwatch.StartNew();
        var named = $"'{FactModel.LabelOf(fact)}' ({fact})";
        var property = Property(MonotoneId(fact), $"Wie {named} te weten komt, ziet geen uitkomst veranderen die al vaststond.", expected);
        var (a, b) = (run.A, run.B);
        var set = run.Encoded.Set;
        var presence = Enumerable.Range(0, set.Rules.Length).Where(i => PresenceTests(Parser.Parse(set.Rules[i].Definition.When.Text), fact)).ToList();
        var query = run.Query(two: true);
        query.Assert(a.Case.SameAs(b.Case, a.Case.VariablesOf(fact).Concat(b.Case.VariablesOf(fact)).ToHashSet()));
        query.Assert(Smt.Not(a.Case.Given(fact)));
        query.Assert(b.Case.Given(fact));
        Independence.AssertSame(query, a, b, presence.Union(Independence.RulesIndependentOf(set, fact)));

        query.Assert(Smt.Or(a.OutcomeTerms.Zip(b.OutcomeTerms).Select(o =>
            Smt.And(Smt.Not(Smt.Eq(o.First, Smt.Int(EvaluationState.Undetermined))), Smt.Not(Smt.Eq(o.First, o.Second))))));
        var result = run.Solve(property, query, two: true, watch, (_, d) =>
            d[0].Outcomes.Zip(d[1].Outcomes).Any(o => o.First.Status != OutcomeStatus.Undetermined && o.First.Value != o.Second.Value));
        return presence.Count == 0 ? result : result with
        {
            Detail = $"Buiten beschouwing, omdat {(presence.Count == 1 ? "zij vraagt" : "zij vragen")} óf {named} bekend is en dus bewust een eigen betekenis aan 'onbekend' " +
                $"{(presence.Count == 1 ? "geeft" : "geven")} (geen 'nee'): {(presence.Count == 1 ? "regel" : "regels")} {string.Join(", ", presence.Select(i => set.Rules[i].Definition.Id))}; elke andere lezing van het gegeven is gecontroleerd.",
        };
    }

    /// <summary>Whether a condition asks whether the fact is known: <c>F is (un)known</c>, or F before the last argument of
    /// first_known.</summary>
    internal static bool PresenceTests(Node root, string fact)
    {
        static bool Is(Node n, string fact) => n is NameNode name && name.Name == fact;
        var pending = new Stack<Node>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is IsKnownNode known && Is(known.Value, fact)) return true;
            if (node is CallNode { Function: "first_known" } call && call.Arguments.SkipLast(1).Any(x => Is(x, fact))) return true;
            foreach (var child in AstDepth.Children(node)) pending.Push(child);
        }

        return false;
    }

    /// <summary>Case b is case a with the events of slot <paramref name="swap"/> and the next, on different days, given the
    /// other way round: the decision is the same. (Any order is reached by such swaps; the engine keeps the case's order
    /// among events of one day.) Shown in two steps where the encoding allows, each far cheaper than comparing the
    /// decisions of a and b, which ran out of its budget for 2026-01-01: (1) read off the encoding's definitions, every
    /// outcome is a term over the case's facts outside its events, the rules' reads of the history and some computed
    /// dates' parts (<see cref="VersionEncoding.HistoryInputs"/>), the same term for a and b, whose encodings the same code
    /// made from the same rules; (2) the solver proves that the swap changes none of those reads and parts. Otherwise the
    /// decisions are compared, so every result that is not "proven" (a counterexample, or unknown) comes from that
    /// comparison.</summary>
    /// <param name="swap">The first slot of the pair; null when the bound allows no two events.</param>
    private static PropertyResult OrderFree(Verifier.Run run, int? swap, Func<string, string?> expected)
    {
        var watch = Stopwatch.StartNew();
        var property = Property(OrderFreeId,
            "De volgorde waarin gebeurtenissen op verschillende dagen zijn opgegeven, verandert geen uitkomst. (Gebeurtenissen op " +
            "dezelfde dag neemt de beslisser in de volgorde van de casus: daar is de volgorde gegeven.)", expected);
        if (swap is not { } first)
            return new PropertyResult(property.Id, property.Statement, property.Citation, property.Url, PropertyStatus.Proven, watch.Elapsed,
                property.ExpectedViolation, Detail: "Een geschiedenis van één gebeurtenis heeft geen volgorde.");

        var (a, b) = (run.A, run.B);
        var slots = Enumerable.Range(0, a.Case.Events).SelectMany(a.Case.SlotVariables).Concat(Enumerable.Range(0, b.Case.Events).SelectMany(b.Case.SlotVariables)).ToHashSet();
        SmtScript Swapped()
        {
            var query = run.Query(two: true);
            query.Assert(a.Case.SameAs(b.Case, slots));
            query.Assert(Smt.Not(Smt.Eq(a.Case.Date(first), a.Case.Date(first + 1))));
            for (var slot = 0; slot < a.Case.Events; slot++)
            {
                var own = a.Case.SlotVariables(slot == first ? first + 1 : slot == first + 1 ? first : slot);
                foreach (var (mine, value) in b.Case.SlotVariables(slot).Zip(own)) query.Assert(Smt.Eq(mine, value));
            }

            return query;
        }

        if (a.HistoryInputs is { } ofA && b.HistoryInputs is { } ofB && ofA.Reads.Count == ofB.Reads.Count)
        {
            var parts = ofA.Parts.Union(ofB.Parts).Order();
            var inputs = ofA.Reads.Zip(ofB.Reads).Concat(parts.Select(i => (a.PartVariables(i), b.PartVariables(i))))
                .Select(p => p.Item1.Zip(p.Item2, Smt.Eq).ToList()).ToList();
            // Asked a few reads at a time: z3 proves eight questions of a few reads each with half the work of one question
            // about all of them, in a third of the time (2018-01-01, K = 6, the five swaps: 11.8 against 23.2 million
            // units, 2.7 against 7.3-9.5 s).
            if (Groups(inputs).All(group =>
                {
                    var reads = Swapped();
                    reads.Assert(Smt.Not(Smt.And(group)));
                    return run.Encoded.Ask(reads, []).Answer == SolverAnswer.Unsat;
                }))
                return new PropertyResult(property.Id, property.Statement, property.Citation, property.Url, PropertyStatus.Proven, watch.Elapsed, property.ExpectedViolation);
        }

        var outcomes = Swapped();
        outcomes.Assert(Smt.Or(a.OutcomeTerms.Zip(b.OutcomeTerms).Select(o => Smt.Not(Smt.Eq(o.First, o.Second)))));
        return run.Solve(property, outcomes, two: true, watch, (_, d) => d[0].Outcomes.Zip(d[1].Outcomes).Any(o => o.First.Value != o.Second.Value));
    }

    /// <summary>The equalities of the history's reads (and computed dates' parts), each read's kept together, in groups of
    /// about <see cref="EqualitiesPerQuestion"/> equalities.</summary>
    private static IEnumerable<List<string>> Groups(IEnumerable<List<string>> inputs)
    {
        var group = new List<string>();
        foreach (var equalities in inputs)
        {
            group.AddRange(equalities);
            if (group.Count < EqualitiesPerQuestion) continue;
            yield return group;
            group = [];
        }

        if (group.Count > 0) yield return group;
    }

    private const int EqualitiesPerQuestion = 10;
}
