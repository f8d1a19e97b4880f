using System.Text;
using System.Linq.Expressions;
using EligibilityEngine.Conditions;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Text;

namespace EligibilityEngine.Compilation;

/// <summary>
/// A Dutch explanation with placeholders such as {person.date_of_birth} or {param.quota[municipality.code, year(case.as_of)]}.
/// Placeholders are condition-language expressions with the same sandbox as conditions; a template compiles to one
/// function that writes the whole text.
/// </summary>
public sealed class ExplanationTemplate
{
    private readonly Tiered<Func<EvaluationState, string>>? _render;

    private ExplanationTemplate(string text, string literal, Tiered<Func<EvaluationState, string>>? render)
    {
        Text = text;
        Literal = literal;
        _render = render;
    }

    /// <summary>The template as written, with whitespace folded (so layout does not change it).</summary>
    public string Text { get; }

    /// <summary>The text itself when the template has no placeholders.</summary>
    private string Literal { get; }

    internal static ExplanationTemplate Compile(LocatedText template, CompileScope scope, string? ruleId, DiagnosticBag diagnostics)
    {
        var parts = new List<Expression>();
        var text = template.Text;
        var literal = new StringBuilder();
        var placeholders = 0;
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

            if (literal.Length > 0) { parts.Add(Expression.Constant(FoldSpaces(literal.ToString()))); literal.Clear(); }
            var inner = template.Slice(i + 1, close - i - 1);
            try
            {
                var compiler = new ConditionCompiler(scope, inner, ruleId, diagnostics);
                if (compiler.CompileValue(Parser.Parse(inner.Text)) is { } value)
                {
                    parts.Add(Expression.Call(typeof(DutchFormat), nameof(DutchFormat.Value), null,
                        Expression.Convert(value.Body, typeof(object)), Expression.Constant(value.Type)));
                    placeholders++;
                }
            }
            catch (ConditionSyntaxException ex)
            {
                diagnostics.Add(inner.PositionAt(ex.Offset), "in explanation placeholder: " + ex.Message, ruleId);
            }

            i = close + 1;
        }

        if (literal.Length > 0) parts.Add(Expression.Constant(FoldSpaces(literal.ToString())));
        if (placeholders == 0)
            return new ExplanationTemplate(RuleText.Normalise(text), string.Concat(parts.Select(p => (string)((ConstantExpression)p).Value!)).Trim(), null);

        var concat = Expression.Call(ConcatArray, Expression.NewArrayInit(typeof(string), parts));
        var render = scope.Tiered(Expression.Lambda<Func<EvaluationState, string>>(concat, ConditionCompiler.State));
        return new ExplanationTemplate(RuleText.Normalise(text), "", render);
    }

    private static readonly System.Reflection.MethodInfo ConcatArray = typeof(string).GetMethod(nameof(string.Concat), [typeof(string[])])!;

    // Fold whitespace in literal parts so that re-wrapping a YAML string does not change the text users read.
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

    public string Render(EvaluationState state) => _render is null ? Literal : _render.Current(state).Trim();
}
