using System.Text;
using EligibilityEngine.Conditions;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.RuleSets;
using ValueType = EligibilityEngine.Conditions.ValueType;

namespace EligibilityEngine.Evaluation;

/// <summary>
/// A Dutch explanation with placeholders such as {person.date_of_birth} or {param.quota[municipality.code, year(case.as_of)]}.
/// Placeholders are conditions-language expressions, compiled once with the same sandbox as conditions.
/// </summary>
public sealed class ExplanationTemplate
{
    private readonly IReadOnlyList<object> _parts; // string literal parts and compiled placeholders

    private ExplanationTemplate(string text, IReadOnlyList<object> parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written, with whitespace folded (so layout does not change it).</summary>
    public string Text { get; }

    private sealed record Placeholder(Func<EvaluationState, object?> Read, ValueType Type);

    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static ExplanationTemplate Compile(LocatedText template, CompileScope scope, string? ruleId, DiagnosticBag diagnostics)
    {
        var parts = new List<object>();
        var text = template.Text;
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '{') { literal.Append(text[i++]); continue; }
            var close = text.IndexOf('}', i);
            if (close < 0)
            {
                diagnostics.Add(template.PositionAt(i), "'{' in the explanation is not closed with '}'", ruleId);
                break;
            }

            if (literal.Length > 0) { parts.Add(literal.ToString()); literal.Clear(); }
            var inner = template.Slice(i + 1, close - i - 1);
            try
            {
                var compiler = new ConditionCompiler(scope, inner, ruleId, diagnostics);
                if (compiler.CompileValue(Parser.Parse(inner.Text)) is { } value)
                    parts.Add(new Placeholder(value.Read.Compile(), value.Type));
            }
            catch (ConditionSyntaxException ex)
            {
                diagnostics.Add(inner.PositionAt(ex.Offset), "in explanation placeholder: " + ex.Message, ruleId);
            }

            i = close + 1;
        }

        if (literal.Length > 0) parts.Add(literal.ToString());
        // Fold whitespace in literal parts so that re-wrapping a YAML string does not change the text users read.
        var folded = parts.Select(p => p is string s ? FoldSpaces(s) : p).ToList();
        return new ExplanationTemplate(Normalise(text), folded);
    }

    private static string FoldSpaces(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { if (builder.Length == 0 || builder[^1] != ' ') builder.Append(' '); }
            else builder.Append(c);
        }

        return builder.ToString();
    }

    public string Render(EvaluationState state)
    {
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part is string s) builder.Append(s);
            else if (part is Placeholder p) builder.Append(DutchFormat.Value(p.Read(state), p.Type));
        }

        return builder.ToString().Trim();
    }
}
