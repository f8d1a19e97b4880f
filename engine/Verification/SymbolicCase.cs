using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using EligibilityEngine.Facts;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Verification;

/// <summary>
/// One case as SMT variables, named under a prefix so that two cases can sit in one query: every fact of
/// <see cref="FactModel.CaseFields"/> as a known-flag and a value, the peildatum, a history of at most
/// <see cref="Events"/> events (each with a used-flag, a type, a date and every field of
/// <see cref="FactModel.EventFields"/>), and the municipality's employees as a known-flag and
/// <see cref="EmployeeKinds"/> kinds of contract, each with a number and the fields of
/// <see cref="FactModel.EmployeeFields"/>. The slots' order is the order of the events in the case file.
/// </summary>
public sealed class SymbolicCase(string prefix, int events, int employeeKinds)
{
    /// <summary>The event field that orders the history; an event's date is always known (<see cref="CaseEvent.Date"/>).</summary>
    public const string EventDate = "date";

    /// <summary>What the engine leaves out of a case dated after the peildatum (Evaluator.Prepare): an application made
    /// after it (all its facts), a birth after it. A fact left out is unknown.</summary>
    public static readonly IReadOnlyList<(string DateFact, string Hides)> LeftOutAfterPeildatum =
        [("application.date", "application."), ("person.date_of_birth", "person.date_of_birth")];

    public string Prefix { get; } = prefix;

    public int Events { get; } = events;

    public int EmployeeKinds { get; } = employeeKinds;

    public string AsOf => $"{Prefix}.as_of";

    private string KnownVar(string path) => $"{Prefix}.k.{path}";

    private string ValueVar(string path) => $"{Prefix}.v.{path}";

    /// <summary>A fact as the rules read it: unknown when the engine leaves it out on the peildatum.</summary>
    public Sym Fact(string path) => new($"{Prefix}.K.{path}", ValueVar(path), FactModel.CaseFields[path].Type);

    public string Used(int slot) => $"{Prefix}.e{slot}.used";

    public string Type(int slot) => $"{Prefix}.e{slot}.type";

    public string Date(int slot) => $"{Prefix}.e{slot}.date";

    public Sym EventField(int slot, string field) => field == EventDate
        ? new(Smt.True, Date(slot), FactModel.EventFields[field].Type)
        : new($"{Prefix}.e{slot}.k.{field}", $"{Prefix}.e{slot}.v.{field}", FactModel.EventFields[field].Type);

    public string EmployeesKnown => $"{Prefix}.employees.known";

    public string EmployeeCount(int kind) => $"{Prefix}.m{kind}.count";

    public Sym EmployeeField(int kind, string field) =>
        new($"{Prefix}.m{kind}.k.{field}", $"{Prefix}.m{kind}.v.{field}", FactModel.EmployeeFields[field].Type);

    /// <summary>Every variable of the case with its sort: what a model is read from, and what two cases share.</summary>
    public IEnumerable<(string Name, string Sort)> Variables()
    {
        foreach (var v in WithParts(AsOf)) yield return (v, "Int");
        foreach (var (path, field) in FactModel.CaseFields)
        {
            yield return (KnownVar(path), "Bool");
            if (field.Type.Kind == ValueKind.Date) foreach (var v in WithParts(ValueVar(path))) yield return (v, "Int");
            else yield return (ValueVar(path), Sym.SortOf(field.Type));
        }

        for (var s = 0; s < Events; s++)
        {
            yield return (Used(s), "Bool");
            yield return (Type(s), "Int");
            foreach (var v in WithParts(Date(s))) yield return (v, "Int");
            foreach (var field in FactModel.EventFields.Keys.Where(f => f != EventDate))
            {
                var sym = EventField(s, field);
                yield return (sym.Known, "Bool");
                yield return (sym.Value, Sym.SortOf(sym.Type));
            }
        }

        yield return (EmployeesKnown, "Bool");
        for (var j = 0; j < EmployeeKinds; j++)
        {
            yield return (EmployeeCount(j), "Int");
            foreach (var field in FactModel.EmployeeFields.Keys)
            {
                var sym = EmployeeField(j, field);
                yield return (sym.Known, "Bool");
                yield return (sym.Value, Sym.SortOf(sym.Type));
            }
        }
    }

    /// <summary>
    /// Every date variable comes with its year, month and day as variables of their own, tied to the day number once
    /// (<see cref="WellFormed"/>): the rules' calendar functions then read them instead of dividing the day number again at
    /// every use, which is what makes a solver slow on dates.
    /// </summary>
    public static (string Year, string Month, string Day) PartsOf(string dateVariable) => ($"{dateVariable}.y", $"{dateVariable}.m", $"{dateVariable}.d");

    private static IEnumerable<string> WithParts(string dateVariable)
    {
        var (y, m, d) = PartsOf(dateVariable);
        return [dateVariable, y, m, d];
    }

    /// <summary>The date variables of the case (each has <see cref="PartsOf"/>).</summary>
    public IEnumerable<string> DateVariables() =>
        FactModel.CaseFields.Where(f => f.Value.Type.Kind == ValueKind.Date).Select(f => ValueVar(f.Key))
            .Append(AsOf).Concat(Enumerable.Range(0, Events).Select(Date));

    /// <summary>The variables that stand for one fact (its known-flag and value), for a property about that fact; for
    /// <c>municipality.employees</c>, the list.</summary>
    public IReadOnlyList<string> VariablesOf(string path) => path == EmployeesFact
        ? Variables().Select(v => v.Name).Where(n => n == EmployeesKnown || n.StartsWith($"{Prefix}.m", StringComparison.Ordinal)).ToList()
        : FactModel.CaseFields[path].Type.Kind == ValueKind.Date ? [KnownVar(path), .. WithParts(ValueVar(path))] : [KnownVar(path), ValueVar(path)];

    /// <summary>The municipality's list of employees, as one fact that is known or not.</summary>
    public const string EmployeesFact = "municipality.employees";

    /// <summary>Whether the fact is known in the case (before the engine leaves anything out on the peildatum).</summary>
    public string Given(string path) => path == EmployeesFact ? EmployeesKnown : KnownVar(path);

    /// <summary>The variables of one event slot, in a fixed order.</summary>
    public IReadOnlyList<string> SlotVariables(int slot) =>
        Variables().Select(v => v.Name).Where(n => n.StartsWith($"{Prefix}.e{slot}.", StringComparison.Ordinal)).ToList();

    /// <summary>How much a case says: its known facts and its events. Counterexamples are made small in this.</summary>
    public string Size() => Smt.Sum(
        FactModel.CaseFields.Keys.Select(p => $"(ite {KnownVar(p)} 1 0)")
            .Concat(Enumerable.Range(0, Events).Select(s => $"(ite {Used(s)} 1 0)")).Append($"(ite {EmployeesKnown} 1 0)").ToList(), "0");

    /// <summary>Every fact the rules read as known, every event field and the employees too: a complete case.</summary>
    public string Complete() => Smt.And(FactModel.CaseFields.Keys.Select(p => Fact(p).Known)
        .Concat(Enumerable.Range(0, Events).SelectMany(s => FactModel.EventFields.Keys.Where(f => f != EventDate).Select(f => Smt.Implies(Used(s), EventField(s, f).Known))))
        .Append(EmployeesKnown)
        .Concat(Enumerable.Range(0, EmployeeKinds).SelectMany(j => FactModel.EmployeeFields.Keys.Select(f => Smt.Implies($"(> {EmployeeCount(j)} 0)", EmployeeField(j, f).Known)))));

    public void Declare(SmtScript script)
    {
        foreach (var (name, sort) in Variables()) script.Declare(name, sort);
        foreach (var path in FactModel.CaseFields.Keys)
        {
            var hidden = LeftOutAfterPeildatum.Where(r => path.StartsWith(r.Hides, StringComparison.Ordinal))
                .Select(r => Smt.And(KnownVar(r.DateFact), $"(> {ValueVar(r.DateFact)} {AsOf})"));
            script.Define(Fact(path).Known, "Bool", Smt.And(KnownVar(path), Smt.Not(Smt.Or(hidden))));
        }
    }

    /// <summary>What any case file can hold: codes of their lists, dates of the calendar range, numbers within
    /// <see cref="FactLimits"/>, whole numbers where the case has them; used event slots first.</summary>
    public string WellFormed()
    {
        var terms = new List<string> { InRange(AsOf, ValueType.Date) };
        foreach (var (path, field) in FactModel.CaseFields)
        {
            terms.Add(InRange(ValueVar(path), field));
        }

        for (var s = 0; s < Events; s++)
        {
            terms.Add(InRange(Type(s), ValueType.Code(FactModel.EventTypes)));
            terms.Add(InRange(Date(s), ValueType.Date));
            if (s + 1 < Events) terms.Add(Smt.Implies(Used(s + 1), Used(s)));
            foreach (var field in FactModel.EventFields.Keys.Where(f => f != EventDate))
                terms.Add(InRange(EventField(s, field).Value, FactModel.EventFields[field]));
        }

        foreach (var date in DateVariables())
        {
            var (y, m, d) = PartsOf(date);
            terms.Add($"(= {date} (cal.days {y} {m} {d}))");
            terms.Add($"(<= 1 {m} 12)");
            terms.Add($"(<= 1 {d} (cal.dim {y} {m}))");
        }

        for (var j = 0; j < EmployeeKinds; j++)
        {
            terms.Add($"(<= 0 {EmployeeCount(j)} {FactLimits.MaxEmployees})");
            foreach (var field in FactModel.EmployeeFields.Keys)
                terms.Add(InRange(EmployeeField(j, field).Value, FactModel.EmployeeFields[field]));
        }

        // A case file stands for at most this many employees in all (CountedEmployees), not per kind of contract.
        terms.Add($"(<= {Smt.Sum(Enumerable.Range(0, EmployeeKinds).Select(EmployeeCount).ToList(), "0")} {FactLimits.MaxEmployees})");
        return Smt.And(terms);
    }

    /// <summary>A text fact (a CBS municipality code) is none of the rules' texts that is no such code: what the numbers
    /// of texts stand for is known only once the rules are encoded, so this is asserted after <see cref="WellFormed"/>.</summary>
    public string TextsWellFormed(TextUniverse texts)
    {
        var facts = FactModel.CaseFields.Where(f => f.Value.Type.Kind == ValueKind.Text).Select(f => (Known: KnownVar(f.Key), Value: ValueVar(f.Key)))
            .Concat(Enumerable.Range(0, Events).SelectMany(s => FactModel.EventFields.Where(f => f.Value.Type.Kind == ValueKind.Text)
                .Select(f => EventField(s, f.Key)).Select(sym => (sym.Known, sym.Value))))
            .Concat(Enumerable.Range(0, EmployeeKinds).SelectMany(j => FactModel.EmployeeFields.Where(f => f.Value.Type.Kind == ValueKind.Text)
                .Select(f => EmployeeField(j, f.Key)).Select(sym => (sym.Known, sym.Value))))
            .ToList();
        var notCodes = texts.Constants.Where(t => !FactText.IsMunicipalityCode(t.Text)).Select(t => t.Code).ToList();
        // Only a known text is one: an unknown fact's value is a placeholder the decision does not read (Fix).
        return Smt.And(facts.Select(f => Smt.Implies(f.Known, Smt.And(notCodes.Select(code => Smt.Not(Smt.Eq(f.Value, Smt.Int(code)))).ToList()))).ToList());
    }

    /// <summary>A fact's value as its case file may give it: a number within the fact's own limits (a loonwaarde up to
    /// 100 %, up to 60 hours a week), whole where the case holds an int; a counterexample is then always a case file.</summary>
    private static string InRange(string value, FactField field) => field.Syntax is NumberSyntax number
        ? Smt.And($"(<= {Smt.Real(number.Min)} {value} {Smt.Real(number.Max)})", number.Whole ? $"(is_int {value})" : Smt.True)
        : InRange(value, field.Type);

    private static string InRange(string value, ValueType type) => type.Kind switch
    {
        ValueKind.Code => $"(<= 0 {value} {type.Domain!.Codes.Count - 1})",
        ValueKind.Date => $"(<= {Calendar.First.DayNumber} {value} {Calendar.Last.DayNumber})",
        _ => Smt.True,
    };

    /// <summary>The case on a peildatum, fixed: every variable equal to the case's fact, unknown facts unknown. The value
    /// of an unknown fact, and every variable of an unused event slot or kind of contract, is fixed too, to the first value
    /// of its range (<see cref="Placeholder"/>): the decision does not read it (unknown is unknown whatever the value), and a
    /// query with every variable a number is decided by simplification, where a free date leaves the solver to search for
    /// a year, month and day.</summary>
    /// <param name="lumpEmployees">No rule reads a field of an employee: all employees are one kind.</param>
    /// <returns>null when the case does not fit (more events than slots, more kinds of contract than kinds).</returns>
    public string? Fix(Case @case, DateOnly asOf, TextUniverse texts, bool lumpEmployees)
    {
        if (!Fits(@case, lumpEmployees)) return null;
        var others = new Dictionary<string, long>(StringComparer.Ordinal);
        var terms = new List<string> { FixDate(AsOf, asOf.DayNumber) };
        foreach (var (path, field) in FactModel.CaseFields)
            terms.Add(Value(KnownVar(path), ValueVar(path), field.Type, Readers[path](@case), texts, others, withParts: field.Type.Kind == ValueKind.Date));

        for (var s = 0; s < Events; s++)
        {
            var e = s < @case.Events.Count ? @case.Events[s] : null;
            terms.Add(e is null ? Smt.Not(Used(s)) : Used(s));
            terms.Add(Smt.Eq(Type(s), Smt.Int(e is null ? 0 : (int)e.Type)));
            terms.Add(FixDate(Date(s), e?.Date.DayNumber ?? Calendar.First.DayNumber));
            foreach (var (field, definition) in FactModel.EventFields.Where(f => f.Key != EventDate))
            {
                var sym = EventField(s, field);
                terms.Add(Value(sym.Known, sym.Value, definition.Type, e is null ? null : FactModel.ItemReader(typeof(CaseEvent), field).DynamicInvoke(e), texts, others));
            }
        }

        var employees = @case.Municipality.Employees;
        terms.Add(employees is null ? Smt.Not(EmployeesKnown) : EmployeesKnown);
        var kinds = employees is null ? [] : lumpEmployees
            ? employees.Count == 0 ? [] : [(employees[0], employees.Count)]
            : employees.GroupBy(e => e).Select(g => (g.Key, g.Count())).ToList();
        for (var j = 0; j < EmployeeKinds; j++)
        {
            terms.Add(Smt.Eq(EmployeeCount(j), Smt.Int(j < kinds.Count ? kinds[j].Item2 : 0)));
            foreach (var (field, definition) in FactModel.EmployeeFields)
            {
                var sym = EmployeeField(j, field);
                terms.Add(Value(sym.Known, sym.Value, definition.Type, j < kinds.Count ? FactModel.ItemReader(typeof(Employee), field).DynamicInvoke(kinds[j].Item1) : null, texts, others));
            }
        }

        return Smt.And(terms);
    }

    /// <summary>Whether the case fits the bounds (<see cref="Fix"/>): at most <see cref="Events"/> events and
    /// <see cref="EmployeeKinds"/> kinds of contract (one, lumped, when no rule reads an employee's field).</summary>
    public bool Fits(Case @case, bool lumpEmployees) =>
        @case.Events.Count <= Events
        && (@case.Municipality.Employees is not { Count: > 0 } employees ? 0 : lumpEmployees ? 1 : employees.Distinct().Count()) <= EmployeeKinds;

    private static string FixDate(string variable, int day)
    {
        var date = DateOnly.FromDayNumber(day);
        var (y, m, d) = PartsOf(variable);
        return Smt.And(Smt.Eq(variable, Smt.Int(day)), Smt.Eq(y, Smt.Int(date.Year)), Smt.Eq(m, Smt.Int(date.Month)), Smt.Eq(d, Smt.Int(date.Day)));
    }

    /// <summary>A fact fixed: known with its value, or unknown with the <see cref="Placeholder"/> as its value.</summary>
    /// <param name="withParts">A date variable with its year, month and day (<see cref="PartsOf"/>), fixed with it.</param>
    private static string Value(string known, string variable, ValueType type, object? value, TextUniverse texts, Dictionary<string, long> others, bool withParts = false) => value switch
    {
        null when withParts => Smt.And(Smt.Not(known), FixDate(variable, Calendar.First.DayNumber)),
        null => Smt.And(Smt.Not(known), Smt.Eq(variable, Placeholder(type))),
        bool b => Smt.And(known, Smt.Eq(variable, Smt.Bool(b))),
        int i when withParts => Smt.And(known, FixDate(variable, i)),
        int i => Smt.And(known, Smt.Eq(variable, Smt.Int(i))),
        decimal d => Smt.And(known, Smt.Eq(variable, Smt.Real(d))),
        string t => Smt.And(known, Smt.Eq(variable, Smt.Int(texts.ValueOf(t, others)))),
        _ => throw new InvalidOperationException($"no SMT value for {value.GetType().Name}"),
    };

    /// <summary>The value an unknown fact is given in a fixed case: the first of its range (<see cref="WellFormed"/>).</summary>
    private static string Placeholder(ValueType type) => type.Kind switch
    {
        ValueKind.Bool => Smt.False,
        ValueKind.Number or ValueKind.Money => Smt.Real(0),
        ValueKind.Date => Smt.Int(Calendar.First.DayNumber),
        _ => Smt.Int(0),
    };

    /// <summary>Readers of the case facts in their run-time representation (compiled once per process).</summary>
    private static readonly IReadOnlyDictionary<string, Func<Case, object?>> Readers = FactModel.CaseFields.ToDictionary(f => f.Key, f =>
    {
        var parameter = Expression.Parameter(typeof(Case), "c");
        return Expression.Lambda<Func<Case, object?>>(Expression.Convert(f.Value.Read(parameter), typeof(object)), parameter).Compile();
    });

    /// <summary>The case a model describes, as a case file (YAML) with its peildatum: what a counterexample is.</summary>
    public string ToCaseFile(IReadOnlyDictionary<string, string> model, TextUniverse texts, string? version)
    {
        var made = new Dictionary<long, string>();
        var b = new StringBuilder();
        b.Append("as_of: ").Append(DateText(Int(model[AsOf]))).Append('\n');
        if (version is not null) b.Append("version: '").Append(version).Append("'\n");
        foreach (var section in FactModel.CaseFields.Keys.Select(p => p[..p.IndexOf('.')]).Distinct())
        {
            var lines = FactModel.CaseFields.Where(f => f.Key.StartsWith(section + ".", StringComparison.Ordinal) && model[KnownVar(f.Key)] == Smt.True)
                .Select(f => $"  {f.Key[(section.Length + 1)..]}: {Text(model[ValueVar(f.Key)], f.Value.Type, texts, made)}").ToList();
            var employees = section == "municipality" && model[EmployeesKnown] == Smt.True;
            if (lines.Count == 0 && !employees) continue;
            b.Append(section).Append(":\n");
            foreach (var line in lines) b.Append(line).Append('\n');
            if (!employees) continue;
            var kinds = Enumerable.Range(0, EmployeeKinds).Where(j => Int(model[EmployeeCount(j)]) > 0).ToList();
            b.Append(kinds.Count == 0 ? "  employees: []\n" : "  employees:\n");
            foreach (var j in kinds)
            {
                b.Append("    - count: ").Append(Int(model[EmployeeCount(j)])).Append('\n');
                foreach (var (field, definition) in FactModel.EmployeeFields)
                {
                    var sym = EmployeeField(j, field);
                    if (model[sym.Known] == Smt.True) b.Append("      ").Append(field).Append(": ").Append(Text(model[sym.Value], definition.Type, texts, made)).Append('\n');
                }
            }
        }

        var used = Enumerable.Range(0, Events).Where(s => model[Used(s)] == Smt.True).ToList();
        if (used.Count > 0) b.Append("events:\n");
        foreach (var s in used)
        {
            b.Append("  - type: ").Append(FactModel.EventTypes.Codes[(int)Int(model[Type(s)])]).Append('\n');
            b.Append("    date: ").Append(DateText(Int(model[Date(s)]))).Append('\n');
            foreach (var (field, definition) in FactModel.EventFields.Where(f => f.Key != EventDate))
            {
                var sym = EventField(s, field);
                if (model[sym.Known] == Smt.True) b.Append("    ").Append(field).Append(": ").Append(Text(model[sym.Value], definition.Type, texts, made)).Append('\n');
            }
        }

        return b.ToString();
    }

    private static string Text(string value, ValueType type, TextUniverse texts, Dictionary<long, string> made) => type.Kind switch
    {
        ValueKind.Bool => value,
        ValueKind.Code => type.Domain!.Codes[(int)Int(value)],
        ValueKind.Date => DateText(Int(value)),
        ValueKind.Text => $"'{texts.TextOf(Int(value), made)}'",
        _ => Real(value).ToString("0.##########", CultureInfo.InvariantCulture),
    };

    private static string DateText(long day) => DateOnly.FromDayNumber((int)day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An integer in a model: 5 or (- 5).</summary>
    public static long Int(string value) => (long)Real(value);

    /// <summary>A number in a model: 5, 5.0, (- 5.0), (/ 1.0 2.0).</summary>
    public static decimal Real(string value) => Number(SExpression.Parse(value));

    private static decimal Number(SExpression e) => e switch
    {
        SExpression.Atom a => decimal.Parse(a.Text, CultureInfo.InvariantCulture),
        SExpression.List { Items: [SExpression.Atom { Text: "-" }, var x] } => -Number(x),
        SExpression.List { Items: [SExpression.Atom { Text: "/" }, var x, var y] } => Number(x) / Number(y),
        _ => throw new FormatException($"not a number in the model: {e}"),
    };

    /// <summary>This case equal to <paramref name="other"/> in every variable but those listed.</summary>
    public string SameAs(SymbolicCase other, IReadOnlySet<string>? except = null) => Smt.And(Variables().Zip(other.Variables())
        .Where(p => except is null || !except.Contains(p.First.Name))
        .Select(p => Smt.Eq(p.First.Name, p.Second.Name)));
}
