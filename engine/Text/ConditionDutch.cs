using EligibilityEngine.Conditions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Text;

/// <summary>
/// A rule's condition in Dutch, from the condition's own structure and the labels of the version and the fact model:
/// <c>criterion.arbeidsvermogen and (criterion.begeleiding or criterion.aanpassingen)</c> reads "criterium
/// ‘Arbeidsvermogen’ is voldaan en (criterium ‘Begeleiding’ is voldaan of …)". A construct with no Dutch rendering here
/// (a function, a quantifier over the history, a table, arithmetic) is shown as written, between ‘ ’: the sentence never
/// says more than the condition does.
/// </summary>
public sealed class ConditionDutch(RuleSetVersion version)
{
    private readonly Dictionary<string, string> _titles = version.Rules
        .Where(r => r.Kind != ConclusionKind.Outcome && r.Title is not null)
        .GroupBy(r => (r.Kind == ConclusionKind.Criterion ? "criterion." : "finding.") + r.Target)
        .ToDictionary(g => g.Key, g => g.First().Title!);

    /// <summary>The condition of the version's rule <paramref name="ruleId"/> in Dutch; null when the version has no such rule.</summary>
    public string? OfRule(string ruleId) => version.Rules.FirstOrDefault(r => r.Id == ruleId) is { } rule ? Render(rule.When.Text) : null;

    public string Render(string condition) => Sentence(Parser.Parse(condition));

    /// <summary>A node that is true or false.</summary>
    private string Sentence(Node node) => node switch
    {
        BinaryNode { Operator: BinaryOperator.And or BinaryOperator.Or } b => $"{Part(b.Left, b.Operator)} {(b.Operator == BinaryOperator.And ? "en" : "of")} {Part(b.Right, b.Operator)}",
        UnaryNode { Operator: UnaryOperator.Not, Operand: var operand } => Negated(operand),
        NameNode name when name.Name.StartsWith("criterion.", StringComparison.Ordinal) => $"criterium ‘{Title(name.Name)}’ is voldaan",
        NameNode name when name.Name.StartsWith("finding.", StringComparison.Ordinal) => $"bevinding ‘{Title(name.Name)}’ geldt",
        NameNode name when Fact(name) is { Type.Kind: ValueKind.Bool } fact => $"{fact.DutchLabel}: ja",
        BinaryNode { Operator: >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual } b => Comparison(b),
        IsKnownNode k => $"{Value(k.Value)} is {(k.Known ? "bekend" : "onbekend")}",
        InNode i => $"{Value(i.Value)} is {(i.Negated ? "geen" : "een")} van: {string.Join(", ", i.Items.Select(item => Value(item, i.Value)))}",
        _ => AsWritten(node),
    };

    /// <summary>An operand of and/or: an or inside an and is put between brackets, as the condition groups it.</summary>
    private string Part(Node node, BinaryOperator parent) =>
        node is BinaryNode { Operator: BinaryOperator.Or } && parent == BinaryOperator.And ? $"({Sentence(node)})" : Sentence(node);

    private string Negated(Node node) => node switch
    {
        NameNode name when name.Name.StartsWith("criterion.", StringComparison.Ordinal) => $"criterium ‘{Title(name.Name)}’ is niet voldaan",
        NameNode name when name.Name.StartsWith("finding.", StringComparison.Ordinal) => $"bevinding ‘{Title(name.Name)}’ geldt niet",
        NameNode name when Fact(name) is { Type.Kind: ValueKind.Bool } fact => $"{fact.DutchLabel}: nee",
        _ => $"niet ({Sentence(node)})",
    };

    private string Comparison(BinaryNode b)
    {
        var dates = IsDate(b.Left) || IsDate(b.Right);
        var words = b.Operator switch
        {
            BinaryOperator.Equal => "is",
            BinaryOperator.NotEqual => "is niet",
            BinaryOperator.Less => dates ? "ligt vóór" : "is minder dan",
            BinaryOperator.LessOrEqual => dates ? "ligt op of vóór" : "is ten hoogste",
            BinaryOperator.Greater => dates ? "ligt na" : "is meer dan",
            _ => dates ? "ligt op of na" : "is ten minste",
        };
        return $"{Value(b.Left, b.Right)} {words} {Value(b.Right, b.Left)}";
    }

    /// <summary>A node that is a value; <paramref name="other"/> is what it is compared with, whose codes it names.</summary>
    private string Value(Node node, Node? other = null) => node switch
    {
        LiteralNode { Kind: LiteralKind.Bool } l => l.Text == "true" ? "ja" : "nee",
        LiteralNode { Kind: LiteralKind.Date } l when DateOnly.TryParse(l.Text, System.Globalization.CultureInfo.InvariantCulture, out var date) => DutchFormat.Date(date),
        LiteralNode { Kind: LiteralKind.Number } l when decimal.TryParse(l.Text, System.Globalization.CultureInfo.InvariantCulture, out var number) => DutchFormat.Number(number),
        LiteralNode { Kind: LiteralKind.Text } l => CodeLabel(l.Text, other) ?? $"‘{l.Text}’",
        NameNode { Name: "case.as_of" } => "de peildatum",
        NameNode name when Fact(name) is { } fact => fact.DutchLabel,
        NameNode name when name.Name.StartsWith("outcome.", StringComparison.Ordinal) && Outcome(name) is { } outcome => $"de uitkomst ‘{outcome.Title}’",
        // A parameter by the first clause of its description: "eerste dag waarop …", not its code name.
        NameNode name when name.Name.StartsWith("param.", StringComparison.Ordinal) && Parameter(name)?.Description is { } description =>
            description.Split(';')[0].TrimEnd('.').ToLowerInvariant(),
        _ => AsWritten(node),
    };

    /// <summary>A code's Dutch label, where it is compared with a fact that has codes or with an outcome.</summary>
    private string? CodeLabel(string code, Node? other) => other switch
    {
        NameNode name when Fact(name)?.Type.Domain is { } domain && domain.IndexOf(code) is >= 0 and var index => $"‘{domain.DutchLabels[index]}’",
        NameNode name when Outcome(name) is { } outcome && outcome.Values.Contains(code) => $"‘{outcome.Label(code)}’",
        _ => null,
    };

    private bool IsDate(Node node) => node is LiteralNode { Kind: LiteralKind.Date } or NameNode { Name: "case.as_of" } || (node is NameNode name && Fact(name)?.Type.Kind == ValueKind.Date);

    private static FactField? Fact(NameNode name) => FactModel.CaseFields.GetValueOrDefault(name.Name);

    private OutcomeDefinition? Outcome(NameNode name) =>
        name.Name.StartsWith("outcome.", StringComparison.Ordinal) ? version.Outcomes.FirstOrDefault(o => o.Id == name.Name["outcome.".Length..]) : null;

    private ParameterDefinition? Parameter(NameNode name) => version.Parameters.FirstOrDefault(p => p.Name == name.Name["param.".Length..]);

    private string Title(string name) => _titles.GetValueOrDefault(name, name[(name.IndexOf('.') + 1)..]);

    private static string AsWritten(Node node) => $"‘{ConditionPrinter.Print(node)}’";
}
