using System.Globalization;
using EligibilityEngine.Conditions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Verification;

/// <summary>What a condition can read besides the facts: the conclusions of a version for one case.</summary>
public interface IConclusionTerms
{
    Sym? Criterion(string id);

    Sym? Finding(string id);

    /// <summary>The outcome's value as an integer term: the index of its value, -1 no value, -2 undetermined.</summary>
    (string Term, CodeDomain Domain)? Outcome(string id);
}

/// <summary>
/// Turns a parsed condition into a three-valued SMT term with the engine's exact semantics (ConditionCompiler and
/// RuntimeOps): Kleene and/or/not, unknown in → unknown out for comparisons, arithmetic and functions, ÷ 0 unknown,
/// <c>is known</c> never unknown, <c>first_known</c>, tables (a missing row unknown), the quantifiers over the history up to
/// the peildatum (ordered by date, then by place in the case), and over the municipality's employees.
/// Throws <see cref="EncodingException"/> with the offset of what does not type-check.
/// </summary>
public sealed class ConditionEncoder(SmtScript script, SymbolicCase @case, IReadOnlyList<ParameterDefinition> parameters, IConclusionTerms conclusions, TextUniverse texts)
{
    private readonly Stack<(string Collection, int Slot)> _items = new();

    /// <summary>Year, month and day of date terms, where known without dividing: the case's date variables, written-out
    /// dates and the results of add_months and start_of_year.</summary>
    private readonly Dictionary<string, (string Year, string Month, string Day)> _parts =
        @case.DateVariables().ToDictionary(v => v, SymbolicCase.PartsOf);

    private readonly List<string> _computedParts = [];

    private readonly List<IReadOnlyList<string>> _partVariables = [];

    /// <summary>The year, month and day declared for a computed date whose parts are not known without dividing, in the
    /// order they were made: constrained by the calendar equation, not defined.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PartVariables => _partVariables;

    /// <summary>For each computed date whose year, month and day are variables of their own (<see cref="Parts"/>): the
    /// same parts written forward from the date (<see cref="Calendar.PartsFromDay"/>). Redundant, so sound to assert
    /// anywhere; a query whose case is fixed asserts them, so that its dates fold to numbers instead of being searched.</summary>
    public IReadOnlyList<string> ComputedParts => _computedParts;

    /// <summary>Whether a condition read a field of an employee (then the kinds of contract matter).</summary>
    public bool ReadsEmployeeFields { get; private set; }

    private readonly List<string> _rowsAskedPresent = [];

    /// <summary>For every table lookup outside a quantifier: when its keys are known, the table has their row — unless an
    /// earlier argument of <c>first_known</c> is known and the row is not read. Asserted by completeness, whose
    /// "every fact known" then also means "every number the law's tables must give is there".</summary>
    public IReadOnlyList<string> RowsAskedPresent => _rowsAskedPresent;

    public Sym Condition(Node node)
    {
        var sym = Encode(node);
        if (sym.Type.Kind != ValueKind.Bool) throw new EncodingException(node.Offset, $"a condition must be true or false, but this is a {sym.Type}");
        return sym;
    }

    private Sym Encode(Node node) => node switch
    {
        LiteralNode literal => Literal(literal),
        NameNode name => Name(name),
        IndexNode index => Index(index),
        UnaryNode unary => Unary(unary),
        BinaryNode binary => Binary(binary),
        InNode @in => In(@in),
        IsKnownNode known => IsKnown(known),
        CallNode call => Call(call),
        AggregateNode aggregate => Aggregate(aggregate),
        _ => throw new EncodingException(node.Offset, "unknown construct " + node.GetType().Name),
    };

    private Sym Literal(LiteralNode literal) => literal.Kind switch
    {
        LiteralKind.Bool => Known(Smt.Bool(literal.Text == "true"), ValueType.Bool),
        LiteralKind.Number => Known(Smt.Real(decimal.Parse(literal.Text, CultureInfo.InvariantCulture)), ValueType.Number),
        LiteralKind.Money => Known(Smt.Real(decimal.Parse(literal.Text, CultureInfo.InvariantCulture)), ValueType.Money),
        LiteralKind.Date => DateConstant(DateOnly.ParseExact(literal.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => Known(Smt.Int(texts.CodeOf(literal.Text)), ValueType.Text),
    };

    private static Sym Known(string value, ValueType type) => new(Smt.True, value, type);

    private Sym DateConstant(DateOnly date)
    {
        var day = Smt.Int(date.DayNumber);
        _parts[day] = (Smt.Int(date.Year), Smt.Int(date.Month), Smt.Int(date.Day));
        return Known(day, ValueType.Date);
    }

    /// <summary>The year, month and day of a date term; for a computed date (add_days) new variables tied to it, where the
    /// calendar is exact (a date outside that range leaves them free), the same for every encoding in the script.</summary>
    private (string Year, string Month, string Day) Parts(string date)
    {
        if (_parts.TryGetValue(date, out var parts)) return parts;
        if (!script.DateParts.TryGetValue(date, out parts))
        {
            parts = script.DateParts[date] = SymbolicCase.PartsOf(script.FreshName());
            foreach (var part in new[] { parts.Year, parts.Month, parts.Day }) script.Declare(part, "Int");
            script.Assert($"(<= 1 {parts.Month} 12)");
            script.Assert($"(<= 1 {parts.Day} (cal.dim {parts.Year} {parts.Month}))");
            script.Assert(Smt.Implies($"(<= {Calendar.ExactFrom.DayNumber} {date} {Calendar.ExactUntil.DayNumber})", $"(= {date} (cal.days {parts.Year} {parts.Month} {parts.Day}))"));
        }

        _partVariables.Add([parts.Year, parts.Month, parts.Day]);
        _computedParts.Add(Calendar.PartsFromDay(date, parts));
        return _parts[date] = parts;
    }

    /// <summary>One of two values; when both are dates whose year, month and day are known, the choice's are the same
    /// choice of theirs (no division, so a solver looking for a case need not search for them).</summary>
    private string Choose(string condition, string then, string otherwise)
    {
        var term = Smt.Ite(condition, then, otherwise);
        if (term != then && term != otherwise && _parts.TryGetValue(then, out var a) && _parts.TryGetValue(otherwise, out var b))
            _parts[term] = (Smt.Ite(condition, a.Year, b.Year), Smt.Ite(condition, a.Month, b.Month), Smt.Ite(condition, a.Day, b.Day));
        return term;
    }

    /// <summary>A chosen value under a name of its own; a date keeps its parts, named too.</summary>
    private string SharePicked(string term, ValueType type)
    {
        var name = Share(term, Sym.SortOf(type));
        if (name != term && !_parts.ContainsKey(name) && _parts.TryGetValue(term, out var p))
            _parts[name] = (Share(p.Year, "Int"), Share(p.Month, "Int"), Share(p.Day, "Int"));
        return name;
    }

    /// <summary>The date of a year, month and day, remembered with its parts.</summary>
    private string DateOf(string year, string month, string day)
    {
        var (y, m, d) = (Share(year, "Int"), Share(month, "Int"), Share(day, "Int"));
        var date = Share($"(cal.days {y} {m} {d})", "Int");
        _parts[date] = (y, m, d);
        return date;
    }

    /// <summary>add_months as DateOnly.AddMonths: the same day, clamped to the last day of the month it lands in.</summary>
    private string AddMonths(string date, string months)
    {
        var (y, m, d) = Parts(date);
        var total = Share($"(+ (* 12 {y}) (- {m} 1) {months})", "Int");
        var (year, month) = (Share($"(div {total} 12)", "Int"), Share($"(+ (mod {total} 12) 1)", "Int"));
        var last = Share($"(cal.dim {year} {month})", "Int");
        return DateOf(year, month, $"(ite (< {d} {last}) {d} {last})");
    }

    /// <summary>Whole months from a to b, counted as a person's age is.</summary>
    private string MonthsBetween(string a, string b)
    {
        var ((ya, ma, da), (yb, mb, db)) = (Parts(a), Parts(b));
        return $"(- (+ (* 12 (- {yb} {ya})) (- {mb} {ma})) (ite (< {db} {da}) 1 0))";
    }

    private string YearsBetween(string a, string b)
    {
        var ((ya, ma, da), (yb, mb, db)) = (Parts(a), Parts(b));
        return $"(- (- {yb} {ya}) (ite (or (< {mb} {ma}) (and (= {mb} {ma}) (< {db} {da}))) 1 0))";
    }

    private Sym Name(NameNode node)
    {
        var name = node.Name;
        if (_items.TryPeek(out var item) && !name.Contains('.'))
        {
            var employees = item.Collection == FactModel.EmployeesCollection;
            var fields = employees ? FactModel.EmployeeFields : FactModel.EventFields;
            if (!fields.ContainsKey(name)) throw new EncodingException(node.Offset, $"'{name}' is not a field of {item.Collection} (fields: {string.Join(", ", fields.Keys)})");
            if (employees) ReadsEmployeeFields = true;
            return employees ? @case.EmployeeField(item.Slot, name) : @case.EventField(item.Slot, name);
        }

        if (name == "case.as_of") return Known(@case.AsOf, ValueType.Date);
        if (FactModel.CaseFields.ContainsKey(name)) return @case.Fact(name);
        var dot = name.IndexOf('.');
        var (ns, member) = dot > 0 ? (name[..dot], name[(dot + 1)..]) : ("", name);
        switch (ns)
        {
            case "param":
                var p = Parameter(node, member);
                return p.Type switch
                {
                    ParameterType.Table => throw new EncodingException(node.Offset, $"param.{member} is a table: look a value up with param.{member}[...]"),
                    ParameterType.List => throw new EncodingException(node.Offset, $"param.{member} is a list: use it after 'in'"),
                    _ => Constant(p.Type, p.Value),
                };
            case "criterion":
                return conclusions.Criterion(member) ?? throw new EncodingException(node.Offset, $"no rule concludes criterion '{member}'");
            case "finding":
                return conclusions.Finding(member) ?? throw new EncodingException(node.Offset, $"no rule concludes finding '{member}'");
            case "outcome":
                var (term, domain) = conclusions.Outcome(member) ?? throw new EncodingException(node.Offset, $"no rule concludes outcome '{member}'");
                return new Sym($"(not (= {term} (- 2)))", term, ValueType.Code(domain));
        }

        throw new EncodingException(node.Offset, $"unknown name '{name}': only declared facts, parameters, criteria, findings and outcomes can be read");
    }

    private ParameterDefinition Parameter(Node node, string name) =>
        parameters.FirstOrDefault(p => p.Name == name) ?? throw new EncodingException(node.Offset, $"unknown parameter 'param.{name}'");

    private Sym Constant(ParameterType type, object? value)
    {
        if (value is null) return new Sym(Smt.False, Smt.False, ValueType.Bool);
        return type switch
        {
            ParameterType.Boolean => Known(Smt.Bool((bool)value), ValueType.Bool),
            ParameterType.Money => Known(Smt.Real((decimal)value), ValueType.Money),
            ParameterType.Date => DateConstant((DateOnly)value),
            ParameterType.Text => Known(Smt.Int(texts.CodeOf((string)value)), ValueType.Text),
            ParameterType.Percentage => Known(Smt.Real((decimal)value), ValueType.Percentage),
            _ => Known(Smt.Real((decimal)value), ValueType.Number),
        };
    }

    private Sym Index(IndexNode node)
    {
        var name = node.Table.Name;
        var p = name.StartsWith("param.", StringComparison.Ordinal) ? Parameter(node, name[6..]) : null;
        if (p?.Table is not { } table) throw new EncodingException(node.Offset, $"'{name}' is not a table parameter");
        if (node.Keys.Count != table.Keys.Count) throw new EncodingException(node.Offset, $"param.{p.Name} has {table.Keys.Count} key(s), not {node.Keys.Count}");
        var keys = node.Keys.Select(Encode).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            var text = table.Keys[i].Type == ParameterType.Text;
            if (keys[i].Type.Kind != (text ? ValueKind.Text : ValueKind.Number))
                throw new EncodingException(node.Keys[i].Offset, $"key '{table.Keys[i].Name}' of param.{p.Name} must be {(text ? "text" : "a number")}");
        }

        // The rows as data: the first row whose keys match, in the table's order (keys are unique).
        var matches = new List<(string Match, string Value)>();
        foreach (var (key, value, _) in table.Rows())
        {
            var match = Smt.And(key.Select((k, i) => Smt.Eq(keys[i].Value, table.Keys[i].Type == ParameterType.Text
                ? Smt.Int(texts.CodeOf(k))
                : Smt.Real(decimal.Parse(k, CultureInfo.InvariantCulture)))));
            matches.Add((match, Smt.Real(value)));
        }

        var keysKnown = Smt.And(keys.Select(k => k.Known));
        var anyRow = Smt.Or(matches.Select(m => m.Match));
        if (_items.Count == 0) _rowsAskedPresent.Add(Smt.Implies(keysKnown, anyRow));
        var known = Smt.And(keys.Select(k => k.Known).Append(anyRow));
        var result = Smt.Real(0);
        for (var i = matches.Count - 1; i >= 0; i--) result = Smt.Ite(matches[i].Match, matches[i].Value, result);
        return new Sym(Share(known, "Bool"), Share(result, "Real"), table.ValueType == ParameterType.Money ? ValueType.Money : ValueType.Number);
    }

    private string Share(string term, string sort) => script.Share(term, sort);

    private Sym Unary(UnaryNode node)
    {
        var operand = Encode(node.Operand);
        if (node.Operator == UnaryOperator.Not)
        {
            if (operand.Type.Kind != ValueKind.Bool) throw new EncodingException(node.Offset, $"'not' needs a truth value, not a {operand.Type}");
            return operand with { Value = Smt.Not(operand.Value) };
        }

        if (operand.Type.Kind is not (ValueKind.Number or ValueKind.Money)) throw new EncodingException(node.Offset, $"'-' needs a number or amount, not a {operand.Type}");
        return operand with { Value = $"(- {operand.Value})" };
    }

    private Sym Binary(BinaryNode node)
    {
        var l = Encode(node.Left);
        var r = Encode(node.Right);
        switch (node.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                if (l.Type.Kind != ValueKind.Bool || r.Type.Kind != ValueKind.Bool) throw new EncodingException(node.Offset, $"'and'/'or' join truth values, not {l.Type} and {r.Type}");
                return node.Operator == BinaryOperator.And
                    ? new Sym(Share(Smt.Or(Smt.And(l.Known, r.Known), l.IsFalse, r.IsFalse), "Bool"), Share(Smt.And(l.Value, r.Value), "Bool"), ValueType.Bool)
                    : new Sym(Share(Smt.Or(Smt.And(l.Known, r.Known), l.IsTrue, r.IsTrue), "Bool"), Share(Smt.Or(l.IsTrue, r.IsTrue), "Bool"), ValueType.Bool);
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                l = CoerceCode(node.Left, l, r.Type);
                r = CoerceCode(node.Right, r, l.Type);
                if (!SameType(l.Type, r.Type)) throw new EncodingException(node.Offset, $"cannot compare a {l.Type} with a {r.Type}");
                var equal = Smt.Eq(l.Value, r.Value);
                return Lifted(l, r, node.Operator == BinaryOperator.Equal ? equal : Smt.Not(equal), ValueType.Bool);
            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                if (!SameType(l.Type, r.Type) || l.Type.Kind is not (ValueKind.Number or ValueKind.Money or ValueKind.Date))
                    throw new EncodingException(node.Offset, $"cannot order a {l.Type} against a {r.Type}");
                var op = node.Operator switch { BinaryOperator.Less => "<", BinaryOperator.LessOrEqual => "<=", BinaryOperator.Greater => ">", _ => ">=" };
                return Lifted(l, r, $"({op} {l.Value} {r.Value})", ValueType.Bool);
        }

        ValueType? result = (node.Operator, l.Type.Kind, r.Type.Kind) switch
        {
            (BinaryOperator.Add or BinaryOperator.Subtract, ValueKind.Number, ValueKind.Number) => ValueType.Number,
            (BinaryOperator.Add or BinaryOperator.Subtract, ValueKind.Money, ValueKind.Money) => ValueType.Money,
            (BinaryOperator.Multiply, ValueKind.Number, ValueKind.Number) => ValueType.Number,
            (BinaryOperator.Multiply, ValueKind.Money, ValueKind.Number) or (BinaryOperator.Multiply, ValueKind.Number, ValueKind.Money) => ValueType.Money,
            (BinaryOperator.Divide, ValueKind.Number, ValueKind.Number) => ValueType.Number,
            (BinaryOperator.Divide, ValueKind.Money, ValueKind.Number) => ValueType.Money,
            (BinaryOperator.Divide, ValueKind.Money, ValueKind.Money) => ValueType.Number,
            _ => null,
        };
        if (result is null) throw new EncodingException(node.Offset, $"cannot apply this operator to a {l.Type} and a {r.Type}");
        if (node.Operator == BinaryOperator.Divide)
            return new Sym(Smt.And(l.Known, r.Known, Smt.Not(Smt.Eq(r.Value, "0.0"))), $"(/ {l.Value} {r.Value})", result);
        var symbol = node.Operator switch { BinaryOperator.Add => "+", BinaryOperator.Subtract => "-", _ => "*" };
        return Lifted(l, r, $"({symbol} {l.Value} {r.Value})", result);
    }

    private static Sym Lifted(Sym l, Sym r, string value, ValueType type) => new(Smt.And(l.Known, r.Known), value, type);

    private static bool SameType(ValueType a, ValueType b) =>
        a.Kind == b.Kind && (a.Kind != ValueKind.Code || a.Domain!.Codes.SequenceEqual(b.Domain!.Codes));

    /// <summary>A text literal compared with a code becomes that code's index, checked against its list.</summary>
    private static Sym CoerceCode(Node node, Sym sym, ValueType other)
    {
        if (other.Kind != ValueKind.Code || sym.Type.Kind != ValueKind.Text || node is not LiteralNode { Kind: LiteralKind.Text } literal) return sym;
        var index = other.Domain!.IndexOf(literal.Text);
        if (index < 0) throw new EncodingException(node.Offset, $"'{literal.Text}' is not one of ({string.Join(", ", other.Domain.Codes)})");
        return Known(Smt.Int(index), other);
    }

    private Sym In(InNode node)
    {
        var value = Encode(node.Value);
        var items = new List<Sym>();
        if (node.Items is [NameNode { Name: var listName }] && listName.StartsWith("param.", StringComparison.Ordinal)
            && Parameter(node, listName[6..]) is { Type: ParameterType.List } list)
        {
            foreach (var item in list.Items)
            {
                var constant = Constant(list.ItemType!.Value, item);
                items.Add(value.Type.Kind == ValueKind.Code && item is string code
                    ? Known(Smt.Int(value.Type.Domain!.IndexOf(code)), value.Type)
                    : constant);
            }
        }
        else
            items.AddRange(node.Items.Select(i => CoerceCode(i, Encode(i), value.Type)));

        foreach (var item in items.Where(i => !SameType(i.Type, value.Type)))
            throw new EncodingException(node.Offset, $"the list holds a {item.Type}, but the value tested is a {value.Type}");
        var member = Smt.Or(items.Select(i => Smt.Eq(value.Value, i.Value)));
        return new Sym(value.Known, node.Negated ? Smt.Not(member) : member, ValueType.Bool);
    }

    private Sym IsKnown(IsKnownNode node)
    {
        var value = Encode(node.Value);
        return Known(node.Known ? value.Known : Smt.Not(value.Known), ValueType.Bool);
    }

    private Sym Call(CallNode node)
    {
        var args = new List<Sym>(node.Arguments.Count);
        foreach (var argument in node.Arguments)
        {
            var asked = _rowsAskedPresent.Count;
            var arg = Encode(argument);
            // first_known reads a later argument only when every earlier one is unknown: its rows are asked for then only.
            if (node.Function == "first_known" && args.Count > 0)
            {
                var read = Smt.Not(Smt.Or(args.Select(a => a.Known)));
                for (var i = asked; i < _rowsAskedPresent.Count; i++) _rowsAskedPresent[i] = Smt.Implies(read, _rowsAskedPresent[i]);
            }

            args.Add(arg);
        }

        Sym Helper(ValueType result, Func<string[], string> value, params ValueKind[] kinds)
        {
            if (args.Count != kinds.Length) throw new EncodingException(node.Offset, $"{node.Function} takes {kinds.Length} argument(s), not {args.Count}");
            for (var i = 0; i < kinds.Length; i++)
                if (args[i].Type.Kind != kinds[i]) throw new EncodingException(node.Arguments[i].Offset, $"argument {i + 1} of {node.Function} must be a {kinds[i].ToString().ToLowerInvariant()}");
            return new Sym(Smt.And(args.Select(a => a.Known)), Share(value(args.Select(a => a.Value).ToArray()), Sym.SortOf(result)), result);
        }

        const ValueKind D = ValueKind.Date, N = ValueKind.Number;
        switch (node.Function)
        {
            case "age" or "years_between": return Helper(ValueType.Number, a => $"(to_real {YearsBetween(a[0], a[1])})", D, D);
            case "months_between": return Helper(ValueType.Number, a => $"(to_real {MonthsBetween(a[0], a[1])})", D, D);
            case "days_between": return Helper(ValueType.Number, a => $"(to_real (- {a[1]} {a[0]}))", D, D);
            case "add_days": return Helper(ValueType.Date, a => $"(+ {a[0]} (num.trunc {a[1]}))", D, N);
            case "add_months": return Helper(ValueType.Date, a => AddMonths(a[0], $"(num.trunc {a[1]})"), D, N);
            case "add_years": return Helper(ValueType.Date, a => AddMonths(a[0], $"(* 12 (num.trunc {a[1]}))"), D, N);
            case "year": return Helper(ValueType.Number, a => $"(to_real {Parts(a[0]).Year})", D);
            case "start_of_year": return Helper(ValueType.Date, a => DateOf(Parts(a[0]).Year, "1", "1"), D);
            case "min" or "max" or "first_known":
                break;
            default:
                throw new EncodingException(node.Offset, $"unknown function '{node.Function}'");
        }

        if (args.Count < 2 || args.Any(a => !SameType(a.Type, args[0].Type)))
            throw new EncodingException(node.Offset, $"{node.Function} takes two or more values of the same type");
        if (node.Function != "first_known" && args[0].Type.Kind is not (ValueKind.Number or ValueKind.Money or ValueKind.Date))
            throw new EncodingException(node.Offset, $"{node.Function} works on numbers, amounts or dates");
        var result = args[0];
        foreach (var next in args.Skip(1))
        {
            result = node.Function switch
            {
                "first_known" => new Sym(Smt.Or(result.Known, next.Known), Choose(result.Known, result.Value, next.Value), result.Type),
                "min" => Lifted(result, next, Choose($"(<= {result.Value} {next.Value})", result.Value, next.Value), result.Type),
                _ => Lifted(result, next, Choose($"(>= {result.Value} {next.Value})", result.Value, next.Value), result.Type),
            };
        }

        return result with { Value = SharePicked(result.Value, result.Type) };
    }

    private readonly Dictionary<Sym, Sym> _readNames = [];
    private readonly List<IReadOnlyList<string>> _historyReads = [];

    /// <summary>Every read of the history outside an event quantifier (a <c>latest</c>, <c>earliest</c>, <c>count</c>,
    /// <c>exists</c> or <c>sum</c> over events), once per distinct term, in the order the conditions read them, as the named
    /// constants the rest of the encoding uses: whether it is known, its value and, for a date, its year, month and day —
    /// each fixed to a constant when unknown, as the engine has no value for an unknown
    /// (<see cref="VersionEncoding.HistoryInputs"/> relies on it).</summary>
    public IReadOnlyList<IReadOnlyList<string>> HistoryReads => _historyReads;

    private Sym Aggregate(AggregateNode node)
    {
        var sym = AggregateTerm(node);
        if (node.Collection == FactModel.EmployeesCollection || _items.Any(i => i.Collection != FactModel.EmployeesCollection)) return sym;
        if (_readNames.TryGetValue(sym, out var read)) return read;
        var known = script.Name(sym.Known, "Bool");
        string Named(string sort, string term, string whenUnknown) => script.Name(Smt.Ite(known, term, whenUnknown), sort);
        var none = Calendar.First;
        var sort = Sym.SortOf(sym.Type);
        var value = Named(sort, sym.Value, sym.Type.Kind == ValueKind.Date ? Smt.Int(none.DayNumber) : sort switch { "Bool" => Smt.False, "Real" => "0.0", _ => "0" });
        List<string> terms = [known, value];
        if (sym.Type.Kind == ValueKind.Date && _parts.TryGetValue(sym.Value, out var p))
        {
            _parts[value] = (Named("Int", p.Year, Smt.Int(none.Year)), Named("Int", p.Month, Smt.Int(none.Month)), Named("Int", p.Day, Smt.Int(none.Day)));
            terms.AddRange([_parts[value].Year, _parts[value].Month, _parts[value].Day]);
        }

        _historyReads.Add(terms);
        return _readNames[sym] = new Sym(known, value, sym.Type);
    }

    private Sym AggregateTerm(AggregateNode node)
    {
        var employees = node.Collection == FactModel.EmployeesCollection;
        if (!employees && !FactModel.EventCollections.ContainsKey(node.Collection))
            throw new EncodingException(node.CollectionOffset, $"unknown collection '{node.Collection}'");
        var fields = employees ? FactModel.EmployeeFields : FactModel.EventFields;
        if (node.Field is not null && !fields.ContainsKey(node.Field))
            throw new EncodingException(node.Offset, $"'{node.Field}' is not a field of {node.Collection}");

        // Per item (event slot or kind of contract): whether it is a member, and whether the 'where' is true / unknown.
        var slots = employees ? @case.EmployeeKinds : @case.Events;
        var member = new string[slots];
        var isTrue = new string[slots];
        var isUnknown = new string[slots];
        for (var s = 0; s < slots; s++)
        {
            member[s] = employees
                ? $"(> {@case.EmployeeCount(s)} 0)"
                : Share(Smt.And(@case.Used(s), $"(<= {@case.Date(s)} {@case.AsOf})", Smt.Eq(@case.Type(s), Smt.Int((int)FactModel.EventCollections[node.Collection]))), "Bool");
            if (node.Where is null)
            {
                (isTrue[s], isUnknown[s]) = (member[s], Smt.False);
                continue;
            }

            _items.Push((node.Collection, s));
            var where = Encode(node.Where);
            _items.Pop();
            if (where.Type.Kind != ValueKind.Bool) throw new EncodingException(node.Where.Offset, "'where' needs a condition that is true or false");
            isTrue[s] = Share(Smt.And(member[s], where.Known, where.Value), "Bool");
            isUnknown[s] = Share(Smt.And(member[s], Smt.Not(where.Known)), "Bool");
        }

        var anyTrue = Share(Smt.Or(isTrue), "Bool");
        var anyUnknown = Share(Smt.Or(isUnknown), "Bool");
        var listKnown = employees ? @case.EmployeesKnown : Smt.True;
        Sym Field(int s)
        {
            if (employees) ReadsEmployeeFields = true;
            return employees ? @case.EmployeeField(s, node.Field!) : @case.EventField(s, node.Field!);
        }

        string Many(int s) => employees ? $"(to_real {@case.EmployeeCount(s)})" : "1.0";
        switch (node.Kind)
        {
            case AggregateKind.Exists:
                return new Sym(Smt.And(listKnown, Smt.Or(anyTrue, Smt.Not(anyUnknown))), anyTrue, ValueType.Bool);
            case AggregateKind.Count:
                var count = Smt.Sum(Enumerable.Range(0, slots).Select(s => Smt.Ite(isTrue[s], Many(s), "0.0")).ToList(), "0.0");
                return new Sym(Smt.And(listKnown, Smt.Not(anyUnknown)), Share(count, "Real"), ValueType.Number);
            case AggregateKind.Sum:
                if (fields[node.Field!].Type.Kind is not (ValueKind.Number or ValueKind.Money)) throw new EncodingException(node.Offset, $"sum needs a number field");
                var values = Enumerable.Range(0, slots).Select(s => Field(s)).ToList();
                var sum = Smt.Sum(Enumerable.Range(0, slots).Select(s => Smt.Ite(isTrue[s], employees ? $"(* {Many(s)} {values[s].Value})" : values[s].Value, "0.0")).ToList(), "0.0");
                var known = Smt.And(Enumerable.Range(0, slots).Select(s => Smt.Implies(isTrue[s], values[s].Known)).Prepend(Smt.Not(anyUnknown)).Prepend(listKnown));
                return new Sym(Share(known, "Bool"), Share(sum, "Real"), fields[node.Field!].Type);
        }

        if (employees) throw new EncodingException(node.Offset, "latest and earliest apply to events, which have dates");
        if (node.Field is null) throw new EncodingException(node.Offset, "latest and earliest name a field: latest(x).date");
        // The latest (earliest) matching event: scanning from the end (start) in date order, ties in case order, the
        // first event whose 'where' is not false decides: unknown stops the scan, true picks the event.
        var latest = node.Kind == AggregateKind.Latest;
        var type = fields[node.Field].Type;
        var picked = new string[slots];
        for (var x = 0; x < slots; x++)
        {
            var blockers = new List<string>();
            for (var y = 0; y < slots; y++)
            {
                if (y == x) continue;
                var yFirst = (latest ? y > x : y < x)
                    ? $"({(latest ? ">=" : "<=")} {@case.Date(y)} {@case.Date(x)})"
                    : $"({(latest ? ">" : "<")} {@case.Date(y)} {@case.Date(x)})";
                blockers.Add(Smt.And(yFirst, Smt.Or(isTrue[y], isUnknown[y])));
            }

            picked[x] = Share(Smt.And(blockers.Select(Smt.Not).Prepend(isTrue[x])), "Bool");
        }

        var pickKnown = Smt.Or(Enumerable.Range(0, slots).Select(x => Smt.And(picked[x], Field(x).Known)));
        var pickValue = Field(slots - 1).Value;
        for (var x = slots - 2; x >= 0; x--) pickValue = Choose(picked[x], Field(x).Value, pickValue);
        return new Sym(Share(pickKnown, "Bool"), SharePicked(pickValue, type), type);
    }
}
