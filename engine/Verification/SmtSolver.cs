using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EligibilityEngine.Verification;

public enum SolverAnswer { Sat, Unsat, Unknown }

/// <summary>The solver is not installed or stopped working; never read as a proof.</summary>
public sealed class SolverException(string message) : Exception(message);

/// <summary>Which SMT solver to run as a process, and the Debian package that provides it.</summary>
public sealed record SolverKind(string Command, string[] Arguments, string Package)
{
    public static SolverKind Z3 { get; } = new("z3", ["-in", "-smt2"], "z3");

    public static SolverKind Cvc5 { get; } = new("cvc5", ["--lang=smt2", "--incremental", "--produce-models"], "cvc5");

    public static SolverKind? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "z3" => Z3,
        "cvc5" => Cvc5,
        _ => null,
    };
}

/// <summary>
/// An SMT solver run as a process, as Boogie and Dafny do: SMT-LIB 2 text on its standard input, answers read from its
/// standard output. A query that runs out of time is <see cref="SolverAnswer.Unknown"/>; a solver that is missing,
/// reports an error or dies is a <see cref="SolverException"/>.
/// </summary>
public sealed class SmtSolver : IDisposable
{
    private readonly Process _process;
    private readonly SolverKind _kind;
    private readonly StreamReader _output;

    private SmtSolver(Process process, SolverKind kind)
    {
        _process = process;
        _kind = kind;
        _output = process.StandardOutput;
    }

    public string Name => _kind.Command;

    public static SmtSolver Start(SolverKind kind)
    {
        var info = new ProcessStartInfo(kind.Command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in kind.Arguments) info.ArgumentList.Add(argument);
        try
        {
            var process = Process.Start(info) ?? throw Missing(kind);
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var solver = new SmtSolver(process, kind);
            solver.Send("(set-option :print-success false)\n(set-option :produce-models true)\n(set-logic ALL)\n");
            return solver;
        }
        catch (Win32Exception)
        {
            throw Missing(kind);
        }
    }

    private static SolverException Missing(SolverKind kind) =>
        new($"the SMT solver '{kind.Command}' is not installed: install Debian's package '{kind.Package}' (apt-get install -y {kind.Package})");

    /// <summary>Where to copy everything sent to the solver (the environment variable EE_SMT_LOG), to replay a query by hand.</summary>
    private static readonly string? Log = Environment.GetEnvironmentVariable("EE_SMT_LOG");

    public void Send(string text)
    {
        if (Log is not null) File.AppendAllText($"{Log}.{_process.Id}.smt2", text);
        try
        {
            _process.StandardInput.Write(text);
            _process.StandardInput.Flush();
        }
        catch (IOException ex)
        {
            throw Crashed(ex.Message);
        }
    }

    /// <summary>z3's resource limit (rlimit) for one second of a question's time: about one second of z3 4.8.12's CPU time on
    /// the machine the figures of docs/verification.md were measured on (1.0–1.6 million units per second over the queries
    /// measured). The limit counts the solver's work, not the clock, so a question gives the same answer on a loaded machine.</summary>
    public const long ResourcesPerSecond = 1_500_000;

    /// <summary>How much longer than its time a question may take by the clock before it stops as well: on a shared machine
    /// the solver gets a fraction of a processor.</summary>
    public const int WallClockFactor = 30;

    /// <summary>Checks the assertions so far; <paramref name="timeout"/> bounds the solver's work (z3: its deterministic resource
    /// limit, <see cref="ResourcesPerSecond"/>, and <see cref="WallClockFactor"/> times that by the clock; cvc5: by the
    /// clock), and a time-out is unknown.</summary>
    /// <param name="allFixed">Every variable is fixed to a value: z3 then substitutes and simplifies first (solve-eqs), which
    /// evaluates the calendar's divisions at once instead of searching.</param>
    public SolverAnswer Check(TimeSpan timeout, bool allFixed = false)
    {
        LowestBudget = timeout < LowestBudget ? timeout : LowestBudget;
        var ms = (long)timeout.TotalMilliseconds;
        var resources = Math.Max(1, (long)(timeout.TotalSeconds * ResourcesPerSecond));
        var check = allFixed ? "(check-sat-using (then solve-eqs simplify smt))" : "(check-sat-using (then simplify propagate-values solve-eqs simplify smt))";
        var wall = _kind == SolverKind.Z3 ? timeout * WallClockFactor : timeout;
        Send(_kind == SolverKind.Z3
            ? string.Create(CultureInfo.InvariantCulture, $"(set-option :timeout {ms * WallClockFactor})\n(set-option :rlimit {resources})\n{check}\n")
            : string.Create(CultureInfo.InvariantCulture, $"(set-option :tlimit-per {ms})\n(check-sat)\n"));
        var answer = ReadTerm(wall + TimeSpan.FromSeconds(10));
        return answer switch
        {
            "sat" => SolverAnswer.Sat,
            "unsat" => SolverAnswer.Unsat,
            "unknown" or "timeout" => SolverAnswer.Unknown,
            _ => throw Crashed(answer),
        };
    }

    /// <summary>The smallest time any check of this process was given: z3 4.8.12 keeps its resource limit for every
    /// later check (EncodedVersion.SolverFor).</summary>
    public TimeSpan LowestBudget { get; private set; } = TimeSpan.MaxValue;

    /// <summary>The values of terms in the model of the last satisfiable check, as SMT-LIB text.</summary>
    public IReadOnlyDictionary<string, string> Values(IReadOnlyList<string> terms)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (terms.Count == 0) return values;
        Send($"(get-value ({string.Join(' ', terms)}))\n");
        var answer = SExpression.Parse(ReadTerm(TimeSpan.FromSeconds(60)));
        if (answer is not SExpression.List { Items: var pairs } || pairs.Count > 0 && pairs[0] is SExpression.Atom { Text: "error" })
            throw Crashed(answer.ToString());
        foreach (var pair in pairs)
            if (pair is SExpression.List { Items: [var name, var value] }) values[name.ToString()] = value.ToString();
        return values;
    }

    private SolverException Crashed(string detail) =>
        new($"the SMT solver '{_kind.Command}' failed ({detail.Trim()}); Debian package '{_kind.Package}'");

    /// <summary>Reads one answer: an atom or a balanced parenthesised term. An (error …) answer is a failure.</summary>
    private string ReadTerm(TimeSpan timeout)
    {
        var read = Task.Run(ReadRaw);
        if (!read.Wait(timeout))
        {
            Kill();
            throw Crashed($"no answer within {timeout.TotalSeconds:0} s");
        }

        var text = read.Result ?? throw Crashed("the process ended");
        // z3 reports a time-out inside its tactics as an error ("tactic failed: canceled", or "tactic failed: max. resource
        // limit exceeded" when its budget of work ran out there): that is unknown, not a failure.
        if (text.StartsWith("(error", StringComparison.Ordinal) && (text.Contains("canceled", StringComparison.Ordinal) || text.Contains("resource limit", StringComparison.Ordinal)))
            return "unknown";
        if (text.StartsWith("(error", StringComparison.Ordinal)) throw Crashed(text);
        return text;
    }

    private string? ReadRaw()
    {
        var b = new StringBuilder();
        var depth = 0;
        var inString = false;
        while (true)
        {
            var c = _output.Read();
            if (c < 0) return null;
            var ch = (char)c;
            if (b.Length == 0 && char.IsWhiteSpace(ch)) continue;
            b.Append(ch);
            if (inString) { if (ch == '"') inString = false; continue; }
            if (ch == '"') inString = true;
            else if (ch == '(') depth++;
            else if (ch == ')') depth--;
            if (depth == 0 && (ch == ')' || _output.Peek() is var next && (next < 0 || char.IsWhiteSpace((char)next)))) return b.ToString();
        }
    }

    private void Kill()
    {
        try { _process.Kill(); } catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Write("(exit)\n");
                _process.StandardInput.Close();
                if (!_process.WaitForExit(2000)) Kill();
            }
        }
        catch (IOException)
        {
            Kill();
        }

        _process.Dispose();
    }
}

/// <summary>A parsed SMT-LIB answer: an atom or a list.</summary>
public abstract record SExpression
{
    public sealed record Atom(string Text) : SExpression
    {
        public override string ToString() => Text;
    }

    public sealed record List(IReadOnlyList<SExpression> Items) : SExpression
    {
        public override string ToString() => "(" + string.Join(' ', Items) + ")";
    }

    public static SExpression Parse(string text)
    {
        var at = 0;
        return Read(text, ref at);
    }

    private static SExpression Read(string text, ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        if (at < text.Length && text[at] == '(')
        {
            at++;
            var items = new List<SExpression>();
            while (true)
            {
                while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
                if (at >= text.Length || text[at] == ')') { at++; return new List(items); }
                items.Add(Read(text, ref at));
            }
        }

        var start = at;
        if (at < text.Length && text[at] == '"')
        {
            at++;
            while (at < text.Length && text[at] != '"') at++;
            at++;
        }
        else
            while (at < text.Length && !char.IsWhiteSpace(text[at]) && text[at] is not ('(' or ')')) at++;
        return new Atom(text[start..Math.Min(at, text.Length)]);
    }
}
