using EligibilityEngine.Conditions;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Text;

/// <summary>
/// A rule's condition in Dutch, from the condition's own structure and the labels of the version and the fact model:
/// <c>criterion.arbeidsvermogen and (criterion.begeleiding or criterion.aanpassingen)</c> reads "criterium
/// ‘Arbeidsvermogen’ is voldaan en (criterium ‘Begeleiding’ is voldaan of …)"; quantifiers over the history, the
/// language's functions, tables and arithmetic read as Dutch too. A construct with no Dutch rendering here is shown as
/// written, between ‘ ’: the sentence never says more than the condition does.
/// </summary>
public sealed class ConditionDutch(RuleSetVersion version)
{
    private readonly Dictionary<string, string> _titles = version.Rules
        .Where(r => r.Kind != ConclusionKind.Outcome && r.Title is not null)
        .GroupBy(r => (r.Kind == ConclusionKind.Criterion ? "criterion." : "finding.") + r.Target)
        .ToDictionary(g => g.Key, g => g.First().Title!);

    /// <summary>The condition of the version's rule <paramref name="ruleId"/> in Dutch, as its top-level parts
    /// (<see cref="ConditionParts"/>: the parts that must all hold, or of which one must), so that a long condition reads
    /// as a list; null when the version has no such rule.</summary>
    public ConditionSentences? OfRule(string ruleId)
    {
        if (version.Rules.FirstOrDefault(r => r.Id == ruleId) is not { } rule) return null;
        var parts = ConditionParts.Of(Parser.Parse(rule.When.Text));
        return new ConditionSentences(parts.All, parts.Parts.Select(Sentence).ToList());
    }

    public string Render(string condition) => Sentence(Parser.Parse(condition));

    /// <summary>What a rule concludes, as a person reads it, by the version's titles and value labels rather than its
    /// codes: "criterium ‘Arbeidsvermogen’", "bevinding ‘advies omgezet’", "uitkomst ‘Advies beschut werk’: geen
    /// aanvraag".</summary>
    public string Conclusion(RuleConclusion conclusion) => conclusion.Kind switch
    {
        ConclusionKind.Criterion => $"criterium ‘{Title("criterion." + conclusion.Target)}’",
        ConclusionKind.Finding => $"bevinding ‘{Title("finding." + conclusion.Target)}’",
        _ => version.Outcomes.FirstOrDefault(o => o.Id == conclusion.Target) is { } outcome
            ? $"uitkomst ‘{outcome.Title}’: {outcome.Label(conclusion.Value ?? "")}"
            : $"uitkomst ‘{conclusion.Target}’: {conclusion.Value}",
    };

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
        AggregateNode { Kind: AggregateKind.Exists } a => $"er is een {Items(a)}",
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
        AggregateNode { Kind: AggregateKind.Exists } a => $"er is geen {Items(a)}",
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
        LiteralNode { Kind: LiteralKind.Money } l when decimal.TryParse(l.Text, System.Globalization.CultureInfo.InvariantCulture, out var money) => DutchFormat.Money(money),
        AggregateNode { Kind: AggregateKind.Count } a => $"het aantal {Items(a, plural: true)}",
        AggregateNode { Kind: AggregateKind.Latest, Field: { } field } a => $"de {ItemLabel(field)} van de laatste {Items(a)}",
        AggregateNode { Kind: AggregateKind.Earliest, Field: { } field } a => $"de {ItemLabel(field)} van de eerste {Items(a)}",
        AggregateNode { Kind: AggregateKind.Sum, Field: { } field } a => $"de som van de {ItemLabel(field)} over de {Items(a, plural: true)}",
        CallNode call => Call(call) ?? AsWritten(node),
        IndexNode { Table: var table } index when Parameter(table)?.Description is { } description =>
            $"{description.Split(';')[0].TrimEnd('.').ToLowerInvariant()}, voor {string.Join(" en ", index.Keys.Select(k => Value(k)))}",
        UnaryNode { Operator: UnaryOperator.Negate, Operand: var operand } => $"min {Value(operand)}",
        BinaryNode { Operator: >= BinaryOperator.Add } b => $"{Value(b.Left)} {b.Operator switch { BinaryOperator.Add => "plus", BinaryOperator.Subtract => "min", BinaryOperator.Multiply => "maal", _ => "gedeeld door" }} {Value(b.Right)}",
        // A parameter by the first clause of its description: "eerste dag waarop …", not its code name.
        NameNode name when name.Name.StartsWith("param.", StringComparison.Ordinal) && Parameter(name)?.Description is { } description =>
            description.Split(';')[0].TrimEnd('.').ToLowerInvariant(),
        _ => AsWritten(node),
    };

    /// <summary>The items of a quantifier: "gebeurtenis ‘advies beschut werk gegeven’ waarbij uitkomst is ‘positief’".</summary>
    private string Items(AggregateNode a, bool plural = false)
    {
        var what = a.Collection == FactModel.EmployeesCollection
            ? (plural ? "dienstbetrekkingen" : "dienstbetrekking") + " beschut werk bij de gemeente"
            : FactModel.EventTypes.IndexOf(a.Collection) is >= 0 and var index
                ? $"{(plural ? "gebeurtenissen" : "gebeurtenis")} ‘{FactModel.EventTypes.DutchLabels[index]}’"
                : $"‘{a.Collection}’";
        return what + (a.Where is { } where ? $" waarbij {Sentence(where)}" : "");
    }

    /// <summary>The language's functions (ConditionCompiler), in words; null for a function it does not have.</summary>
    private string? Call(CallNode call)
    {
        var a = call.Arguments;
        string Shift(string unit) => a[1] is UnaryNode { Operator: UnaryOperator.Negate, Operand: var back }
            ? $"{Value(a[0])} min {Value(back)} {unit}" : $"{Value(a[0])} plus {Value(a[1])} {unit}";
        return (call.Function, a.Count) switch
        {
            ("age", 2) => $"de leeftijd in jaren op {Value(a[1])} bij {Value(a[0])}",
            ("years_between", 2) => $"het aantal hele jaren van {Value(a[0])} tot {Value(a[1])}",
            ("months_between", 2) => $"het aantal hele maanden van {Value(a[0])} tot {Value(a[1])}",
            ("days_between", 2) => $"het aantal dagen van {Value(a[0])} tot {Value(a[1])}",
            ("add_days", 2) => Shift("dagen"),
            ("add_months", 2) => Shift("maanden"),
            ("add_years", 2) => Shift("jaar"),
            ("year", 1) => $"het jaar van {Value(a[0])}",
            ("start_of_year", 1) => $"1 januari van het jaar van {Value(a[0])}",
            ("first_known", >= 2) => $"{Value(a[0])}{string.Concat(a.Skip(1).Select(n => $" (of, als dat onbekend is, {Value(n)})"))}",
            ("min", >= 2) => $"het kleinste van {string.Join(" en ", a.Select(n => Value(n)))}",
            ("max", >= 2) => $"het grootste van {string.Join(" en ", a.Select(n => Value(n)))}",
            _ => null,
        };
    }

    /// <summary>A field of an event or an employee, by its label.</summary>
    private static string ItemLabel(string key) =>
        (FactModel.EventFields.GetValueOrDefault(key) ?? FactModel.EmployeeFields.GetValueOrDefault(key))?.DutchLabel ?? key;

    /// <summary>A code's Dutch label, where it is compared with a fact that has codes or with an outcome.</summary>
    private string? CodeLabel(string code, Node? other) => other switch
    {
        NameNode name when Fact(name)?.Type.Domain is { } domain && domain.IndexOf(code) is >= 0 and var index => $"‘{domain.DutchLabels[index]}’",
        NameNode name when Outcome(name) is { } outcome && outcome.Values.Contains(code) => $"‘{outcome.Label(code)}’",
        _ => null,
    };

    private bool IsDate(Node node) => node is LiteralNode { Kind: LiteralKind.Date } or NameNode { Name: "case.as_of" } || (node is NameNode name && Fact(name)?.Type.Kind == ValueKind.Date);

    /// <summary>A fact of the case, or inside a quantifier's <c>where</c> a bare field of the event or employee.</summary>
    private static FactField? Fact(NameNode name) =>
        FactModel.CaseFields.GetValueOrDefault(name.Name) ?? FactModel.EventFields.GetValueOrDefault(name.Name) ?? FactModel.EmployeeFields.GetValueOrDefault(name.Name);

    private OutcomeDefinition? Outcome(NameNode name) =>
        name.Name.StartsWith("outcome.", StringComparison.Ordinal) ? version.Outcomes.FirstOrDefault(o => o.Id == name.Name["outcome.".Length..]) : null;

    private ParameterDefinition? Parameter(NameNode name) =>
        name.Name.StartsWith("param.", StringComparison.Ordinal) ? version.Parameters.FirstOrDefault(p => p.Name == name.Name["param.".Length..]) : null;

    /// <summary>A criterion's or finding's title; a finding has none in the rule files, and is named by its id in words
    /// (advies_omgezet: "advies omgezet"), which the rule files write in Dutch.</summary>
    private string Title(string name) => _titles.GetValueOrDefault(name) ?? name[(name.IndexOf('.') + 1)..].Replace('_', ' ');

    private static string AsWritten(Node node) => $"‘{ConditionPrinter.Print(node)}’";
}

/// <summary>A rule's condition as Dutch sentences, one per top-level part: all must hold (<paramref name="All"/>), or one.</summary>
public sealed record ConditionSentences(bool All, IReadOnlyList<string> Parts);
