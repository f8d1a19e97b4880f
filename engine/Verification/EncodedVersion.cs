using EligibilityEngine.Compilation;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Verification;

/// <summary>How a version is verified: the bound on the history, the kinds of contract, the solver and its time per query,
/// and how many solver processes share a version's questions (default: one per processor).</summary>
public sealed record VerificationOptions(int Events = 6, int EmployeeKinds = 2, TimeSpan? Timeout = null, SolverKind? Solver = null, int? SolverProcesses = null)
{
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
    private SmtSolver _solver;
    private int _queries;

    private EncodedVersion(SolverKind kind, string script, CompiledRuleSet set, IReadOnlyList<VersionEncoding> cases, TextUniverse texts)
    {
        (_kind, _script) = (kind, script);
        _solver = Started(kind, script);
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
    public static EncodedVersion LoadPair(CompiledRuleSet from, CompiledRuleSet to, VerificationOptions options) =>
        Start(from, options, (script, texts) =>
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
        script.Command(Calendar.Definitions);
        var encodings = encode(script, texts);
        return new EncodedVersion(options.SolverKind, script.ToString(), set, encodings, texts) { Timeout = options.QueryTimeout };
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
    private void Restart()
    {
        _solver.Dispose();
        _solver = Started(_kind, _script);
    }

    public TimeSpan Timeout { get; init; }

    /// <summary>Adds an assertion to the encoding for every later question (and to a restarted process): only a fact every
    /// case of the encoding satisfies, proven by the solver, so that no question's answer changes.</summary>
    public void AssertProven(string term)
    {
        var command = $"(assert {term})\n";
        _solver.Send(command);
        _script += command;
    }

    /// <summary>A fresh script for one question: its shared terms are named apart from every other question's.</summary>
    public SmtScript NewQuery() => new($"q{++_queries}");

    /// <summary>Is there a case with the query's assertions? The values of <paramref name="wanted"/> in its model when there is.</summary>
    /// <param name="budget">The question's time, if not <see cref="Timeout"/>.</param>
    public (SolverAnswer Answer, IReadOnlyDictionary<string, string>? Model) Ask(SmtScript query, IReadOnlyList<string> wanted, TimeSpan? budget = null, bool allFixed = false)
    {
        _solver.Send("(push 1)\n" + query);
        SolverAnswer? answer = null;
        try
        {
            answer = _solver.Check(budget ?? Timeout, allFixed);
            return (answer.Value, answer == SolverAnswer.Sat ? _solver.Values(wanted) : null);
        }
        finally
        {
            if (answer == SolverAnswer.Unknown) Restart();
            else _solver.Send("(pop 1)\n");
        }
    }

    /// <summary>As <see cref="Ask"/>, then smaller models while the solver finds them quickly: fewer known facts and events
    /// (<paramref name="size"/>), so that a counterexample shows only what makes it one.</summary>
    public (SolverAnswer Answer, IReadOnlyDictionary<string, string>? Model) AskSmallest(SmtScript query, IReadOnlyList<string> wanted, string size, int rounds = 4)
    {
        var wantedWithSize = wanted.Append(size).ToList();
        _solver.Send("(push 1)\n" + query);
        var depth = 1;
        SolverAnswer? last = null;
        try
        {
            last = _solver.Check(Timeout);
            if (last != SolverAnswer.Sat) return (last.Value, null);
            var model = _solver.Values(wantedWithSize);
            for (var i = 0; i < rounds; i++)
            {
                _solver.Send($"(push 1)\n(assert (< {size} {model[size]}))\n");
                depth++;
                if ((last = _solver.Check(TimeSpan.FromSeconds(Math.Min(5, Timeout.TotalSeconds)))) != SolverAnswer.Sat) break;
                model = _solver.Values(wantedWithSize);
            }

            return (SolverAnswer.Sat, model);
        }
        finally
        {
            if (last == SolverAnswer.Unknown) Restart();
            else _solver.Send($"(pop {depth})\n");
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

    public void Dispose() => _solver.Dispose();
}
