using System.Text;
using System.Linq.Expressions;
using EligibilityEngine.Conditions;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Text;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Compilation;

/// <summary>
/// A Dutch explanation with placeholders such as {person.date_of_birth} or {param.quota[municipality.code, year(case.as_of)]}.
/// Placeholders are condition-language expressions with the same sandbox as conditions; a template compiles to one
/// function that writes its literal parts (split once, here) and its values, each by its type, into a
/// <see cref="DutchTextBuilder"/>: rendering allocates the text and nothing else.
/// </summary>
public sealed class ExplanationTemplate
{
    private readonly Tiered<Action<EvaluationState, DutchTextBuilder>>? _write;

    private ExplanationTemplate(string text, string literal, Tiered<Action<EvaluationState, DutchTextBuilder>>? write)
    {
        Text = text;
        Literal = literal;
        _write = write;
    }

    /// <summary>The template as written, with whitespace folded (so layout does not change it).</summary>
    public string Text { get; }

    /// <summary>The text itself when the template has no placeholders.</summary>
    private string Literal { get; }

    private static readonly ParameterExpression Builder = Expression.Parameter(typeof(DutchTextBuilder), "text");

    internal static ExplanationTemplate Compile(LocatedText template, CompileScope scope, string? ruleId, DiagnosticBag diagnostics)
    {
        var parts = new List<Expression>();
        var literals = new StringBuilder();
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

            if (literal.Length > 0) { parts.Add(WriteLiteral(FoldSpaces(literal.ToString()), literals)); literal.Clear(); }
            var inner = template.Slice(i + 1, close - i - 1);
            try
            {
                var compiler = new ConditionCompiler(scope, inner, ruleId, diagnostics);
                if (compiler.CompileValue(Parser.Parse(inner.Text)) is { } value)
                {
                    parts.Add(WriteValue(value.Body, value.Type));
                    placeholders++;
                }
            }
            catch (ConditionSyntaxException ex)
            {
                diagnostics.Add(inner.PositionAt(ex.Offset), "in explanation placeholder: " + ex.Message, ruleId);
            }

            i = close + 1;
        }

        if (literal.Length > 0) parts.Add(WriteLiteral(FoldSpaces(literal.ToString()), literals));
        if (placeholders == 0)
            return new ExplanationTemplate(RuleText.Normalise(text), literals.ToString().Trim(), null);

        var write = scope.Tiered(Expression.Lambda<Action<EvaluationState, DutchTextBuilder>>(Expression.Block(parts), ConditionCompiler.State, Builder));
        return new ExplanationTemplate(RuleText.Normalise(text), "", write);
    }

    private static MethodCallExpression WriteLiteral(string part, StringBuilder literals)
    {
        literals.Append(part);
        return Expression.Call(Builder, nameof(DutchTextBuilder.Append), null, Expression.Constant(part));
    }

    /// <summary>A placeholder's value written by its type, unboxed; any other shape goes through the general
    /// <see cref="DutchTextBuilder.AppendValue"/>, which says every value as <see cref="DutchFormat.Value"/> does.</summary>
    private static MethodCallExpression WriteValue(Expression value, ValueType type)
    {
        if (value.Type == type.ClrType)
        {
            var method = type.Kind switch
            {
                ValueKind.Bool => nameof(DutchTextBuilder.AppendBool),
                ValueKind.Date => nameof(DutchTextBuilder.AppendDate),
                ValueKind.Money => nameof(DutchTextBuilder.AppendMoney),
                ValueKind.Number when type.Percent => nameof(DutchTextBuilder.AppendPercent),
                ValueKind.Number => nameof(DutchTextBuilder.AppendNumber),
                ValueKind.Text => nameof(DutchTextBuilder.AppendText),
                _ => null,
            };
            if (method is not null) return Expression.Call(Builder, method, null, value);
            if (type.Kind == ValueKind.Code)
                return Expression.Call(Builder, nameof(DutchTextBuilder.AppendCode), null, value, Expression.Constant(type.Domain));
        }

        return Expression.Call(Builder, nameof(DutchTextBuilder.AppendValue), null, Expression.Convert(value, typeof(object)), Expression.Constant(type));
    }

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

    public string Render(EvaluationState state)
    {
        if (_write is null) return Literal;
        var builder = DutchTextBuilder.Rent();
        _write.Current(state, builder);
        return builder.ToStringAndReturn(trim: true);
    }
}
