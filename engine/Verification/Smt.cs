using System.Globalization;
using System.Text;

namespace EligibilityEngine.Verification;

/// <summary>SMT-LIB 2 terms as text, folding constants so that a case with every fact fixed stays small.</summary>
public static class Smt
{
    public const string True = "true";
    public const string False = "false";

    public static string And(params IEnumerable<string> terms)
    {
        var list = terms.Where(t => t != True).Distinct().ToList();
        if (list.Contains(False)) return False;
        return list.Count switch { 0 => True, 1 => list[0], _ => $"(and {string.Join(' ', list)})" };
    }

    public static string Or(params IEnumerable<string> terms)
    {
        var list = terms.Where(t => t != False).Distinct().ToList();
        if (list.Contains(True)) return True;
        return list.Count switch { 0 => False, 1 => list[0], _ => $"(or {string.Join(' ', list)})" };
    }

    public static string Not(string term) => term switch
    {
        True => False,
        False => True,
        _ when term.StartsWith("(not ", StringComparison.Ordinal) && Balanced(term, 5) => term[5..^1],
        _ => $"(not {term})",
    };

    public static string Implies(string a, string b) => Or(Not(a), b);

    public static string Ite(string condition, string then, string otherwise) => condition switch
    {
        True => then,
        False => otherwise,
        _ when then == otherwise => then,
        _ => $"(ite {condition} {then} {otherwise})",
    };

    public static string Eq(string a, string b) => a == b ? True : $"(= {a} {b})";

    public static string App(string function, params string[] arguments) => $"({function} {string.Join(' ', arguments)})";

    public static string Sum(IReadOnlyList<string> terms, string zero) => terms.Count switch
    {
        0 => zero,
        1 => terms[0],
        _ => $"(+ {string.Join(' ', terms)})",
    };

    public static string Int(long value) => value < 0
        ? $"(- {(-value).ToString(CultureInfo.InvariantCulture)})"
        : value.ToString(CultureInfo.InvariantCulture);

    public static string Real(decimal value)
    {
        if (value < 0) return $"(- {Real(-value)})";
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.') ? text : text + ".0";
    }

    public static string Bool(bool value) => value ? True : False;

    /// <summary>Whether the text from <paramref name="start"/> to the end is one balanced term followed by ')'.</summary>
    private static bool Balanced(string term, int start)
    {
        var depth = 0;
        for (var i = start; i < term.Length - 1; i++)
        {
            if (term[i] == '(') depth++;
            else if (term[i] == ')' && --depth < 0) return false;
        }

        return depth == 0;
    }
}

/// <summary>
/// The one writer of SMT-LIB 2 scripts: declarations, definitions and assertions in order. A long term that is used
/// more than once gets a name of its own (a definition), so the script grows with the rules, not with their nesting.
/// </summary>
/// <param name="prefix">Starts the names of shared terms: scripts sent to one solver one after another use different prefixes.</param>
public sealed class SmtScript(string prefix = "t")
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _definitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private int _fresh;

    /// <summary>The constants declared so far.</summary>
    public IReadOnlySet<string> Declared => _declared;

    /// <summary>The term each constant of <see cref="Define"/> is asserted equal to.</summary>
    public IReadOnlyDictionary<string, string> Definitions => _definitions;

    public string Declare(string name, string sort)
    {
        _text.Append("(declare-const ").Append(name).Append(' ').Append(sort).Append(")\n");
        _declared.Add(name);
        return name;
    }

    /// <summary>A name for a term: a constant asserted equal to it. (A define-fun would be a macro, expanded and simplified
    /// again at every use: seconds for a version, where equalities cost nothing.)</summary>
    public string Define(string name, string sort, string term)
    {
        Declare(name, sort);
        _definitions[name] = term;
        _text.Append("(assert (= ").Append(name).Append(' ').Append(term).Append("))\n");
        return name;
    }

    /// <summary>A short name for a long term (the term itself when short or already a name); the same term gets the same name.</summary>
    public string Share(string term, string sort) => term.Length <= 24 || !term.StartsWith('(') ? term : Name(term, sort);

    /// <summary>A name for a term, however short: the same term gets the same name, also when two encodings in one script
    /// (two versions judging one case) write it, so that the solver sees at once that they agree.</summary>
    public string Name(string term, string sort)
    {
        if (_named.TryGetValue(term, out var name)) return name;
        name = Define(FreshName(), sort, term);
        _named[term] = name;
        return name;
    }

    /// <summary>The year, month and day declared for a computed date term, shared by every encoding in this script.</summary>
    public Dictionary<string, (string Year, string Month, string Day)> DateParts { get; } = new(StringComparer.Ordinal);

    /// <summary>A name no other term of this script has.</summary>
    public string FreshName() => $"{prefix}!{_fresh++}";

    public void Assert(string term)
    {
        if (term == Smt.True) return;
        _text.Append("(assert ").Append(term).Append(")\n");
    }

    public void Command(string command) => _text.Append(command).Append('\n');

    public override string ToString() => _text.ToString();

    public int Length => _text.Length;
}
