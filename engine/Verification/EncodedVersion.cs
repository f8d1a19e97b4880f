using EligibilityEngine.Compilation;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Verification;

/// <summary>How a version is verified: the bound on the history, the kinds of contract, the solver and its time per query,
/// and how many solver processes share a version's questions (default: one per processor).</summary>
public sealed record VerificationOptions(int Events = 6, int EmployeeKinds = 2, TimeSpan? Timeout = null, SolverKind? Solver = null, int? SolverProcesses = null)
{
    /// <summary>Most questions are searches for a case (an exact difference): z3 runs without relevancy filtering.</summary>
    internal bool SearchFirst { get; init; }

    public int Solvers => Math.Max(1, SolverProcesses ?? Environment.ProcessorCount);

    public TimeSpan QueryTimeout => Timeout ?? TimeSpan.FromSeconds(30);

    public SolverKind SolverKind => Solver ?? SolverKind.Z3;
}

/// <summary>
/// A solver process loaded once with the calendar and a version's encoding over one or more symbolic cases
/// (<c>a</c>, <c>b</c>, …); every question is asked between push and pop, so the encoding is sent once.
/// </summary>
public sealed class EncodedVersion : IDisposable
{
    private readonly SolverKind _kind;
    private string _script;

    /// <summary>A solver process per lane and budget a question is asked with (<see cref="SolverFor"/>); the lanes answer
    /// questions side by side.</summary>
    private readonly Dictionary<(int Lane, TimeSpan Budget), SmtSolver> _solvers = [];
    private int _queries;

    private EncodedVersion(SolverKind kind, string script, CompiledRuleSet set, IReadOnlyList<VersionEncoding> cases, TextUniverse texts, TimeSpan timeout)
    {
        (_kind, _script, Timeout) = (kind, script, timeout);
        _solvers[(0, timeout)] = Started(kind, script);
        Set = set;
        Cases = cases;
        Texts = texts;
    }

    /// <summary>The version (of a pair: the first) whose decision <see cref="A"/> is.</summary>
    public CompiledRuleSet Set { get; }

    public IReadOnlyList<VersionEncoding> Cases { get; }

    public TextUniverse Texts { get; }

    public VersionEncoding A => Cases[0];

    public static EncodedVersion Load(CompiledRuleSet set, VerificationOptions options, int cases = 1) =>
        Start(set, options, (script, texts) => Enumerable.Range(0, cases).Select(i =>
        {
            var symbolic = Declare(script, ((char)('a' + i)).ToString(), options);
            var encoding = VersionEncoding.Encode(script, set, symbolic, texts);
            script.Assert(symbolic.TextsWellFormed(texts));
            return encoding;
        }).ToList());

    /// <summary>Two versions judging one symbolic case: <see cref="Cases"/> holds the decision of <paramref name="from"/>, then of
    /// <paramref name="to"/>, over the same variables (what an exact difference asks about).</summary>
    /// <remarks>z3 gets <c>smt.relevancy 0</c> here: the questions of an exact difference are mostly searches for a case
    /// in a region, and without relevancy filtering z3 found one (PL-REEDS-GEPLAATST → PL-WERKT-MET-BEHOUD of 2026-01-01 →
    /// planned-simpel-switchen, replayed from <c>EE_SMT_LOG</c>) with 0.8 million units of work instead of 5.3 million.
    /// It changes how z3 searches, not what it answers.</remarks>
    public static EncodedVersion LoadPair(CompiledRuleSet from, CompiledRuleSet to, VerificationOptions options) =>
        Start(from, options with { SearchFirst = true }, (script, texts) =>
        {
            var symbolic = Declare(script, "a", options);
            List<VersionEncoding> encodings = [VersionEncoding.Encode(script, from, symbolic, texts, "from"), VersionEncoding.Encode(script, to, symbolic, texts, "to")];
            script.Assert(symbolic.TextsWellFormed(texts));
            return encodings;
        });

    private static SymbolicCase Declare(SmtScript script, string prefix, VerificationOptions options)
    {
        var symbolic = new SymbolicCase(prefix, options.Events, options.EmployeeKinds);
        symbolic.Declare(script);
        script.Assert(symbolic.WellFormed());
        return symbolic;
    }

    private static EncodedVersion Start(CompiledRuleSet set, VerificationOptions options, Func<SmtScript, TextUniverse, List<VersionEncoding>> encode)
    {
        if (options.Events < 1) throw new ArgumentOutOfRangeException(nameof(options), "a history of at least one event");
        var texts = new TextUniverse();
        var script = new SmtScript("base");
        if (options.SearchFirst && options.SolverKind == SolverKind.Z3) script.Command("(set-option :smt.relevancy 0)");
        script.Command(Calendar.Definitions);
        var encodings = encode(script, texts);
        return new EncodedVersion(options.SolverKind, script.ToString(), set, encodings, texts, options.QueryTimeout);
    }

    private static SmtSolver Started(SolverKind kind, string script)
    {
        var solver = SmtSolver.Start(kind);
        try
        {
            solver.Send(script);
        }
        catch
        {
            solver.Dispose();
            throw;
        }

        return solver;
    }

    /// <summary>A question that ran out of its budget leaves z3 4.8.12 cancelled: the next question in the same process
    /// answers unknown at once, whatever its budget (seen replaying logged queries: unknown in 0.7 s at 15 million units,
    /// unsat in 2 s in a fresh process). So the process is replaced, loaded with the encoding again (about 30 ms).</summary>
    private SmtSolver Restart(int lane, TimeSpan budget)
    {
        var solver = Started(_kind, _script);
        lock (_solvers)
        {
            _solvers[(lane, budget)].Dispose();
            return _solvers[(lane, budget)] = solver;
        }
    }

    /// <summary>
    /// The process for questions of this budget. z3 4.8.12 keeps the lowest resource limit a process was ever given: a
    /// question of 10 s asked after one of 1 s stops after 1 s of work, <i>unknown</i> (replayed from <c>EE_SMT_LOG</c>:
    /// PL-REEDS-GEPLAATST → PL-WERKT-MET-BEHOUD of 2026-01-01 → planned-simpel-switchen, sat with 5.3 million units
    /// alone, cancelled at 1.5 million after questions of 1 s). So each budget has its own process, and a process that
    /// was given less (<see cref="AskSmallest"/>) is replaced before a question with more.
    /// </summary>
    private SmtSolver SolverFor(TimeSpan budget, int lane)
    {
        SmtSolver? solver;
        lock (_solvers)
            if (!_solvers.TryGetValue((lane, budget), out solver))
                return _solvers[(lane, budget)] = Started(_kind, _script);
        return solver.LowestBudget < budget ? Restart(lane, budget) : solver;
    }

    public TimeSpan Timeout { get; }

    /// <summary>Adds an assertion to the encoding for every later question (and to a restarted process): only a fact every
    /// case of the encoding satisfies, proven by the solver, so that no question's answer changes.</summary>
    public void AssertProven(string term)
    {
        var command = $"(assert {term})\n";
        lock (_solvers)
        {
            foreach (var solver in _solvers.Values) solver.Send(command);
            _script += command;
        }
    }

    /// <summary>A fresh script for one question: its shared terms are named apart from every other question's.</summary>
    public SmtScript NewQuery() => new($"q{Interlocked.Increment(ref _queries)}");

    /// <summary>Is there a case with the query's assertions? The values of <paramref name="wanted"/> in its model when there is.</summary>
    /// <param name="budget">The question's time, if not <see cref="Timeout"/>.</param>
    /// <param name="lane">Which processes answer: questions of different lanes may be asked side by side (from different
    /// threads), those of one lane one after another.</param>
    public (SolverAnswer Answer, IReadOnlyDictionary<string, string>? Model) Ask(SmtScript query, IReadOnlyList<string> wanted, TimeSpan? budget = null, bool allFixed = false, int lane = 0)
    {
        var time = budget ?? Timeout;
        var solver = SolverFor(time, lane);
        solver.Send("(push 1)\n" + query);
        SolverAnswer? answer = null;
        try
        {
            answer = solver.Check(time, allFixed);
            return (answer.Value, answer == SolverAnswer.Sat ? solver.Values(wanted) : null);
        }
        finally
        {
            if (answer == SolverAnswer.Unknown) Restart(lane, time);
            else solver.Send("(pop 1)\n");
        }
    }

    /// <summary>As <see cref="Ask"/>, then smaller models while the solver finds them quickly: fewer known facts and events
    /// (<paramref name="size"/>), so that a counterexample shows only what makes it one.</summary>
    public (SolverAnswer Answer, IReadOnlyDictionary<string, string>? Model) AskSmallest(SmtScript query, IReadOnlyList<string> wanted, string size, int rounds = 4)
    {
        var wantedWithSize = wanted.Append(size).ToList();
        var solver = SolverFor(Timeout, 0);
        solver.Send("(push 1)\n" + query);
        var depth = 1;
        SolverAnswer? last = null;
        try
        {
            last = solver.Check(Timeout);
            if (last != SolverAnswer.Sat) return (last.Value, null);
            var model = solver.Values(wantedWithSize);
            for (var i = 0; i < rounds; i++)
            {
                solver.Send($"(push 1)\n(assert (< {size} {model[size]}))\n");
                depth++;
                if ((last = solver.Check(TimeSpan.FromSeconds(Math.Min(5, Timeout.TotalSeconds)))) != SolverAnswer.Sat) break;
                model = solver.Values(wantedWithSize);
            }

            return (SolverAnswer.Sat, model);
        }
        finally
        {
            if (last == SolverAnswer.Unknown) Restart(0, Timeout);
            else solver.Send($"(pop {depth})\n");
        }
    }

    /// <summary>The decision the encoding gives for a case on a peildatum, with every fact fixed; null when the case does
    /// not fit the bounds (more events than slots).</summary>
    public IReadOnlyList<string>? DecisionFor(Case @case, DateOnly asOf)
    {
        var fixedCase = A.Case.Fix(@case, asOf, Texts, lumpEmployees: !A.ReadsEmployeeFields);
        if (fixedCase is null) return null;
        var query = NewQuery();
        query.Assert(fixedCase);
        foreach (var parts in A.ComputedParts) query.Assert(parts);
        var (answer, model) = Ask(query, A.DecisionTerms(), allFixed: true);
        return answer == SolverAnswer.Sat
            ? A.DecisionIn(model!)
            : throw new SolverException($"the encoding of version {Set.Version.Version} has no model for a case the engines judge ({answer})");
    }

    public void Dispose()
    {
        lock (_solvers)
            foreach (var solver in _solvers.Values) solver.Dispose();
    }
}
