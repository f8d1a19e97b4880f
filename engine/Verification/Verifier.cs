using System.Diagnostics;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Verification;

public enum PropertyStatus
{
    /// <summary>No case (with a history of at most K events) violates it.</summary>
    Proven,

    /// <summary>A case violates it, and both engines confirm the counterexample.</summary>
    Violated,

    /// <summary>The solver ran out of time: not proven.</summary>
    Unknown,

    /// <summary>The solver's counterexample is not one for the engines: the encoding is wrong. Fails the run.</summary>
    NotReproduced,
}

/// <summary>One case of a counterexample, as a case file, with the decision that breaks the property.</summary>
public sealed record CounterexampleCase(string Label, string CaseFile, IReadOnlyList<string> Decision);

public sealed record PropertyResult(
    string Id, string Statement, string? Citation, string? Url, PropertyStatus Status, TimeSpan Time,
    string? ExpectedViolation = null, IReadOnlyList<CounterexampleCase>? Counterexample = null, string? Detail = null, string? Definition = null)
{
    /// <summary>Whether this result fails the run: a violation nobody recorded, or a counterexample that does not reproduce.</summary>
    public bool Fails => Status == PropertyStatus.NotReproduced || (Status == PropertyStatus.Violated && ExpectedViolation is null);
}

/// <summary>What was verified of one version: its peildatum period, each property's result, and the rules not verified.</summary>
public sealed record VersionVerification(
    CompiledRuleSet Set, DateOnly From, DateOnly Until, int Events, IReadOnlyList<PropertyResult> Results,
    IReadOnlyDictionary<string, string> NotVerified, TimeSpan Time);

/// <summary>
/// Checks a version's legal properties and built-in properties with the solver, for every case with a history of at most
/// <see cref="VerificationOptions.Events"/> events and a peildatum in the version's period. Every counterexample is read
/// back from its case file and judged by both engines, which must show the violation.
/// </summary>
/// <param name="candidates">Cases the engine judges first (the rule tests): a rule one of them makes true, or an outcome
/// value one of them is given, within the version's period and the bound, is witnessed without the solver.</param>
public sealed class Verifier(RuleLibrary library, VerificationOptions options, IReadOnlyList<(Case Case, DateOnly AsOf)>? candidates = null)
{
    /// <summary>The ids of the built-in properties every version is verified against.</summary>
    public static IEnumerable<string> BuiltInIds => BuiltIn.Ids;

    private readonly RuleLibrary _compiled = library.With(CompiledEngine.Instance);
    private readonly RuleLibrary _nrules = library.With(DecisionEngines.Create(EngineKind.NRules));

    public string SolverName => options.SolverKind.Command;

    /// <summary>The peildatums on which the version is the law: from its date to the day before the next; a planned version
    /// from its planned date (or the last in-force version's) on.</summary>
    public (DateOnly From, DateOnly Until) Period(CompiledRuleSet set)
    {
        var inForce = library.InForce.ToList();
        var from = set.Version.EffectiveFrom ?? inForce[^1].Version.EffectiveFrom!.Value;
        if (set.Version.Planned) return (from, Calendar.Last);
        var next = inForce.SkipWhile(v => v != set).Skip(1).FirstOrDefault();
        return (from, set.Version.EffectiveUntil ?? next?.Version.EffectiveFrom!.Value.AddDays(-1) ?? Calendar.Last);
    }

    /// <param name="builtInIds">Which built-in properties (by id), when not all.</param>
    public VersionVerification Verify(CompiledRuleSet set, IReadOnlyList<LegalProperty> properties, bool builtIns, Func<string, bool>? builtInIds = null) =>
        Verify([set], properties, builtIns, builtInIds)[0];

    /// <summary>Verifies several versions at once: their questions share <see cref="VerificationOptions.Solvers"/> solver
    /// processes, so that one version's last, long question does not keep the other processes idle.</summary>
    /// <param name="done">Called with each version's result as soon as it and every version before it are done, in order.</param>
    /// <remarks>Each process is loaded with a version when it first takes one of its questions (which takes z3 a few
    /// milliseconds); the results keep the order of the versions and of their questions. A version's time is the time its
    /// questions took, not the wall time of the run, in which other versions' questions were asked beside them.</remarks>
    public IReadOnlyList<VersionVerification> Verify(IReadOnlyList<CompiledRuleSet> sets, IReadOnlyList<LegalProperty> properties, bool builtIns,
        Func<string, bool>? builtInIds = null, Action<VersionVerification>? done = null)
    {
        var versions = sets.Select(set =>
        {
            var (from, until) = Period(set);
            var questions = properties.Where(p => p.AppliesTo(set, library) && !p.Id.StartsWith(BuiltIn.Prefix, StringComparison.Ordinal))
                .Select(p => (Func<Run, PropertyResult>)(run => p.Formula is not null ? run.Holds(p) : run.UnchangedBy(p)))
                .Concat(builtIns ? BuiltIn.Questions(id => properties.FirstOrDefault(p => p.Id == id && p.AppliesTo(set, library))?.ExpectedViolation, builtInIds ?? (_ => true), options.Events) : [])
                .ToList();
            return new VersionQuestions(set, from, until, questions);
        }).ToArray();
        // Within a version from the last question to the first: the costliest (event order, one question per swap) come last
        // in its list, and starting them first keeps one process from running them alone at the end.
        var queue = versions.SelectMany((v, i) => Enumerable.Range(0, v.Questions.Count).Reverse().Select(q => (Version: i, Question: q))).ToArray();
        var workers = Math.Clamp(queue.Length, 1, options.Solvers);
        var loaded = Enumerable.Range(0, workers).Select(_ => new Dictionary<int, Run>()).ToArray();
        var finished = new VersionVerification?[versions.Length];
        var reported = 0;
        var next = -1;

        // Called under the lock on finished.
        void Finish(int i)
        {
            var v = versions[i];
            finished[i] = new VersionVerification(v.Set, v.From, v.Until, options.Events, Merged(v.Results.Select(r => r!)), v.NotVerified ?? NotVerified(v.Set),
                v.Results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r!.Time));
            for (; reported < finished.Length && finished[reported] is { } ready; reported++) done?.Invoke(ready);
        }

        try
        {
            lock (finished)
                for (var i = 0; i < versions.Length; i++)
                    if (versions[i].Questions.Count == 0) Finish(i);
            Concurrently.For(workers, workers, w =>
            {
                for (var n = Interlocked.Increment(ref next); n < queue.Length; n = Interlocked.Increment(ref next))
                {
                    var (i, q) = queue[n];
                    var v = versions[i];
                    // The queue goes version by version: every question of an earlier version is taken, so this process's
                    // copies of those versions can go (a z3 process holds tens of megabytes).
                    foreach (var earlier in loaded[w].Keys.Where(k => k < i).ToList())
                    {
                        loaded[w][earlier].Encoded.Dispose();
                        loaded[w].Remove(earlier);
                    }

                    if (!loaded[w].TryGetValue(i, out var run))
                    {
                        var encoded = EncodedVersion.Load(v.Set, options, cases: 2);
                        run = loaded[w][i] = new Run(this, encoded, $"(<= {v.From.DayNumber} {{0}} {v.Until.DayNumber})", () => Judged(v.Set, encoded, v.From, v.Until));
                        lock (finished) v.NotVerified ??= run.A.NotVerified;
                    }

                    v.Results[q] = v.Questions[q](run);
                    lock (finished)
                        if (++v.Answered == v.Questions.Count) Finish(i);
                }
            });
            return finished.Select(f => f!).ToList();
        }
        finally
        {
            foreach (var run in loaded.SelectMany(w => w.Values)) run.Encoded.Dispose();
        }
    }

    /// <summary>One version's questions and, as they are answered, their results.</summary>
    private sealed class VersionQuestions(CompiledRuleSet set, DateOnly from, DateOnly until, List<Func<Run, PropertyResult>> questions)
    {
        public CompiledRuleSet Set => set;
        public DateOnly From => from;
        public DateOnly Until => until;
        public List<Func<Run, PropertyResult>> Questions => questions;
        public PropertyResult?[] Results { get; } = new PropertyResult?[questions.Count];
        public int Answered { get; set; }
        public IReadOnlyDictionary<string, string>? NotVerified { get; set; }
    }

    /// <summary>The rules of a version the encoding cannot verify, for a version of which no question was asked.</summary>
    private IReadOnlyDictionary<string, string> NotVerified(CompiledRuleSet set)
    {
        using var encoded = EncodedVersion.Load(set, options);
        return encoded.A.NotVerified;
    }

    /// <summary>One result per property, where a property was asked as several questions (event order, per swap): the
    /// worst status (a failure, then violated, unknown, proven) with its counterexample and detail, the solver time of all.</summary>
    private static List<PropertyResult> Merged(IEnumerable<PropertyResult> results) =>
        results.GroupBy(r => r.Id).Select(g => g.OrderByDescending(r => r.Status switch
        {
            PropertyStatus.NotReproduced => 3,
            PropertyStatus.Violated => 2,
            PropertyStatus.Unknown => 1,
            _ => 0,
        }).First() with { Time = g.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Time) }).ToList();

    /// <summary>The questions asked of one loaded version.</summary>
    internal sealed class Run(Verifier verifier, EncodedVersion encoded, string period, Func<IEnumerable<Decision>> judged)
    {
        public EncodedVersion Encoded => encoded;

        /// <summary>The candidates' decisions (with every rule's result) on peildatums in the version's period, for those
        /// that fit the bound: real cases, so whatever they show can happen. Judged anew as they are read, on every
        /// processor and in no fixed order: there may be thousands of generated cases, too many to keep, and a reader that
        /// has seen what it looks for stops.</summary>
        public IEnumerable<Decision> Judged => judged();

        public VersionEncoding A => encoded.Cases[0];

        public VersionEncoding B => encoded.Cases[1];

        /// <summary>A question about one or two cases whose peildatum lies in the version's period.</summary>
        public SmtScript Query(bool two = false)
        {
            var query = encoded.NewQuery();
            query.Assert(string.Format(System.Globalization.CultureInfo.InvariantCulture, period, A.Case.AsOf));
            if (two) query.Assert(string.Format(System.Globalization.CultureInfo.InvariantCulture, period, B.Case.AsOf));
            return query;
        }

        public PropertyResult Holds(LegalProperty property)
        {
            var watch = Stopwatch.StartNew();
            var query = Query();
            query.Assert(Formula(query, property).IsFalse);
            // Whether a case violates the formula is the engine's to say: the formula judged on the working memory after
            // every rule ran. Shrinking a counterexample asks it once for every fact, event and field left out; asking the
            // solver each time made a violated property take many minutes (each question a whole version's encoding).
            // Compiled only when a counterexample is to be checked: a proven property never needs it.
            var holds = new Lazy<Func<EvaluationState, bool?>>(() => ConditionPartCompiler.Condition(encoded.Set, property.Holds!, property.Formula!, property.Id));
            bool Violates(IReadOnlyList<CaseFile> cases, IReadOnlyList<Decision> decisions) =>
                holds.Value(CompiledEngine.Finished(encoded.Set, cases[0].Case, cases[0].AsOf!.Value)) == false;

            // The violation of a formula is all in the one case and its decision, so the case can lose what it does not
            // need (a built-in property's premise, such as every fact known, is not checked on the case: not there).
            var result = Solve(property, query, two: false, watch, Violates);
            return result is { Status: PropertyStatus.Violated, Counterexample: [var single] }
                ? result with { Counterexample = [verifier.Smaller(encoded.Set, single, Violates)] }
                : result;
        }

        private Sym Formula(SmtScript query, LegalProperty property) => Encoder(query).Condition(property.Formula!);

        private ConditionEncoder Encoder(SmtScript query) => new(query, A.Case, encoded.Set.Version.Parameters, A, encoded.Texts);

        public PropertyResult UnchangedBy(LegalProperty property)
        {
            var watch = Stopwatch.StartNew();
            var query = Query(two: true);
            query.Assert(A.Case.SameAs(B.Case, B.Case.VariablesOf(property.UnchangedBy!).Concat(A.Case.VariablesOf(property.UnchangedBy!)).ToHashSet()));
            Independence.AssertSame(query, A, B, Independence.RulesIndependentOf(encoded.Set, property.UnchangedBy!));
            query.Assert(Smt.Or(property.Outcomes.Select(o => Smt.Not(Smt.Eq(A.Outcome(o)!.Value.Term, B.Outcome(o)!.Value.Term)))));
            return Solve(property, query, two: true, watch, (_, decisions) =>
                property.Outcomes.Any(o => decisions[0].Outcome(o).Value != decisions[1].Outcome(o).Value));
        }

        /// <summary>Asks the question; on a counterexample, writes its case files, judges them with both engines and checks
        /// that they show the violation.</summary>
        public PropertyResult Solve(LegalProperty property, SmtScript query, bool two, Stopwatch watch, Func<IReadOnlyList<CaseFile>, IReadOnlyList<Decision>, bool> reproduces)
        {
            var cases = two ? new[] { A, B } : [A];
            var wanted = cases.SelectMany(c => c.Case.Variables().Select(v => v.Name).Concat(c.DecisionTerms())).ToList();
            var (answer, model) = encoded.AskSmallest(query, wanted, A.Case.Size());
            var status = answer switch { SolverAnswer.Unsat => PropertyStatus.Proven, SolverAnswer.Unknown => PropertyStatus.Unknown, _ => PropertyStatus.Violated };
            List<CounterexampleCase>? counterexample = null;
            string? detail = null;
            if (model is not null)
            {
                var version = encoded.Set.Version.Version;
                counterexample = cases.Select((c, i) => new CounterexampleCase(two ? (i == 0 ? "eerste casus" : "tweede casus") : "casus",
                    c.Case.ToCaseFile(model, encoded.Texts, version), c.DecisionIn(model))).ToList();
                try
                {
                    if (!verifier.Reproduces(encoded.Set, counterexample, reproduces)) status = PropertyStatus.NotReproduced;
                }
                catch (InvalidInputException ex)
                {
                    // The solver's case is no valid case file: the encoding allows what a case cannot say.
                    (status, detail) = (PropertyStatus.NotReproduced, "het tegenvoorbeeld is geen geldig casusbestand: " +
                        string.Join("; ", ex.Diagnostics));
                }
            }

            return new PropertyResult(property.Id, property.Statement, property.Citation, property.Url, status, watch.Elapsed,
                property.ExpectedViolation, counterexample, detail, property.Definition);
        }
    }

    /// <summary>Each candidate judged by the compiled engine on its own peildatum, on the first and last day of the
    /// version's period, and moved (every date of the case, its peildatum with them) into the period
    /// (<see cref="CandidateCases.On"/>): the rule tests are written for their own version's dates. Only peildatums in the
    /// period, and cases that fit the encoding's bound.</summary>
    private ParallelQuery<Decision> Judged(CompiledRuleSet set, EncodedVersion encoded, DateOnly from, DateOnly until)
    {
        var traced = new EvaluationOptions(Trace: true, Explain: false, Timeline: false, MissingFacts: false);
        return CandidateCases.On(candidates ?? [], [from, until], ontoDates: true).AsParallel()
            .Where(c => c.AsOf >= from && c.AsOf <= until && encoded.A.Case.Fits(c.Case, !encoded.A.ReadsEmployeeFields))
            .Select(c => _compiled.Engine.Evaluate(set, c.Case, c.AsOf, traced));
    }

    /// <summary>Reads the counterexample's case files back, judges them with both engines (which must agree), and asks
    /// whether their decisions show the violation.</summary>
    /// <summary>
    /// The counterexample without what it does not need: each fact, event or event field left out, one at a time, while
    /// both engines still show the violation, until none can go. The solver's smallest model may still hold events after
    /// the peildatum and facts no rule of the violation reads; a lawyer reads only what makes the case one.
    /// </summary>
    internal CounterexampleCase Smaller(CompiledRuleSet set, CounterexampleCase counterexample, Func<IReadOnlyList<CaseFile>, IReadOnlyList<Decision>, bool> reproduces)
    {
        var file = CaseReader.ReadText(counterexample.CaseFile, counterexample.Label);
        var current = (file.Case, AsOf: file.AsOf!.Value);
        for (var smaller = true; smaller;)
        {
            smaller = false;
            foreach (var step in CandidateCases.LeftOut(current))
            {
                var text = CaseYamlWriter.Write(step.Case, step.AsOf, set.Version.Version);
                if (!Reproduces(set, [counterexample with { CaseFile = text }], reproduces)) continue;
                (current, smaller) = (step, true);
                break;
            }
        }

        return counterexample with
        {
            CaseFile = CaseYamlWriter.Write(current.Case, current.AsOf, set.Version.Version),
            Decision = VersionEncoding.DecisionOf(_compiled.Engine.Evaluate(set, current.Case, current.AsOf, EvaluationOptions.Minimal)),
        };
    }

    private bool Reproduces(CompiledRuleSet set, IReadOnlyList<CounterexampleCase> cases, Func<IReadOnlyList<CaseFile>, IReadOnlyList<Decision>, bool> reproduces)
    {
        var files = cases.Select(c => CaseReader.ReadText(c.CaseFile, c.Label)).ToList();
        var decisions = new List<Decision>();
        foreach (var file in files)
        {
            var compiled = _compiled.Engine.Evaluate(set, file.Case, file.AsOf!.Value, EvaluationOptions.Minimal);
            var nrules = _nrules.Engine.Evaluate(set, file.Case, file.AsOf!.Value, EvaluationOptions.Minimal);
            if (!VersionEncoding.DecisionOf(compiled).SequenceEqual(VersionEncoding.DecisionOf(nrules))) return false;
            decisions.Add(compiled);
        }

        return reproduces(files, decisions);
    }
}
