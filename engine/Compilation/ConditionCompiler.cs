using System.Globalization;
using System.Linq.Expressions;
using ValueType = EligibilityEngine.Facts.ValueType;
using EligibilityEngine.Conditions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Compilation;

/// <summary>
/// Type-checks a parsed condition against the declared fact model and the version's parameters, criteria, findings
/// and outcomes, and turns it into a three-valued expression tree. Names resolve only against those tables, so a
/// rule file can never reach other .NET members. Errors go to the diagnostics with their position.
/// </summary>
internal sealed class ConditionCompiler(CompileScope scope, LocatedText text, string? ruleId, DiagnosticBag diagnostics)
{
    /// <summary>A function of fixed arity: the runtime helper that computes it, its result and its arguments' kinds.</summary>
    private sealed record FixedFunction(string Helper, ValueType Result, params ValueKind[] Arguments);

    /// <summary>Every function a condition can call: those of fixed arity, and the variadic ones (two or more values
    /// of one type), which have no entry.</summary>
    private static readonly Dictionary<string, FixedFunction?> Functions = new(StringComparer.Ordinal)
    {
        ["age"] = new(nameof(RuntimeOps.YearsBetween), ValueType.Number, ValueKind.Date, ValueKind.Date),
        ["days_between"] = new(nameof(RuntimeOps.DaysBetween), ValueType.Number, ValueKind.Date, ValueKind.Date),
        ["months_between"] = new(nameof(RuntimeOps.MonthsBetween), ValueType.Number, ValueKind.Date, ValueKind.Date),
        ["years_between"] = new(nameof(RuntimeOps.YearsBetween), ValueType.Number, ValueKind.Date, ValueKind.Date),
        ["add_days"] = new(nameof(RuntimeOps.AddDays), ValueType.Date, ValueKind.Date, ValueKind.Number),
        ["add_months"] = new(nameof(RuntimeOps.AddMonths), ValueType.Date, ValueKind.Date, ValueKind.Number),
        ["add_years"] = new(nameof(RuntimeOps.AddYears), ValueType.Date, ValueKind.Date, ValueKind.Number),
        ["year"] = new(nameof(RuntimeOps.Year), ValueType.Number, ValueKind.Date),
        ["start_of_year"] = new(nameof(RuntimeOps.StartOfYear), ValueType.Date, ValueKind.Date),
        ["min"] = null,
        ["max"] = null,
        ["first_known"] = null,
    };

    private readonly Stack<ItemScope> _items = new();
    private int _negations;

    public static readonly ParameterExpression State = Expression.Parameter(typeof(EvaluationState), "state");

    public List<Dependency> Dependencies { get; } = [];

    /// <summary>Facts of the case the condition reads, for the firing trace.</summary>
    public SortedSet<string> FactsRead { get; } = new(StringComparer.Ordinal);

    private sealed record ItemScope(ParameterExpression Item, IReadOnlyDictionary<string, FactField> Fields, string Collection);

    private readonly record struct Typed(Expression Expr, ValueType Type);

    /// <summary>Compiles a condition that must be a truth value. Returns null when it has errors (already reported).</summary>
    public Expression<Func<EvaluationState, bool?>>? CompileCondition(Node node)
    {
        var typed = Compile(node);
        if (typed is null) return null;
        if (typed.Value.Type.Kind != ValueKind.Bool)
        {
            Error(node, $"a condition must be true or false, but this is a {typed.Value.Type}");
            return null;
        }

        return Expression.Lambda<Func<EvaluationState, bool?>>(typed.Value.Expr, State);
    }

    /// <summary>Compiles a value for an explanation placeholder: its expression over <see cref="State"/>, and its type.</summary>
    public (Expression Body, ValueType Type)? CompileValue(Node node)
    {
        var typed = Compile(node);
        return typed is null ? null : (typed.Value.Expr, typed.Value.Type);
    }

    private void Error(Node node, string message) => Error(node.Offset, message);

    private void Error(int offset, string message) => diagnostics.Add(text.PositionAt(offset), message, ruleId);

    private Typed? Compile(Node node) => node switch
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
        _ => throw new InvalidOperationException("unknown node " + node.GetType().Name),
    };

    private static Typed Literal(LiteralNode literal) => literal.Kind switch
    {
        LiteralKind.Bool => new(Expression.Constant(literal.Text == "true", typeof(bool?)), ValueType.Bool),
        LiteralKind.Number => new(Expression.Constant(decimal.Parse(literal.Text, CultureInfo.InvariantCulture), typeof(decimal?)), ValueType.Number),
        LiteralKind.Money => new(Expression.Constant(decimal.Parse(literal.Text, CultureInfo.InvariantCulture), typeof(decimal?)), ValueType.Money),
        LiteralKind.Date => new(Expression.Constant(DateOnly.ParseExact(literal.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber, typeof(int?)), ValueType.Date),
        _ => new(Expression.Constant(literal.Text, typeof(string)), ValueType.Text),
    };

    private Typed? Name(NameNode node)
    {
        var name = node.Name;
        if (_items.TryPeek(out var item) && !name.Contains('.'))
        {
            // An event or employee field that is unknown is a missing fact like any other.
            if (item.Fields.TryGetValue(name, out var field)) return new(Track(field.Read(item.Item), ItemLeaf(item.Collection, field)), field.Type);
            Error(node, $"'{name}' is not a field of {item.Collection} (fields: {string.Join(", ", item.Fields.Keys)})");
            return null;
        }

        if (name == "case.as_of")
            return new(Expression.Convert(Expression.Property(State, nameof(EvaluationState.AsOfDay)), typeof(int?)), ValueType.Date);

        if (FactModel.CaseFields.TryGetValue(name, out var fact))
        {
            FactsRead.Add(name);
            var leaf = scope.Leaf(LeafKind.Fact, name, fact.DutchLabel);
            var read = fact.Read(Expression.Property(State, nameof(EvaluationState.Case)));
            return new(Track(read, leaf), fact.Type);
        }

        var dot = name.IndexOf('.');
        var ns = dot > 0 ? name[..dot] : "";
        var member = dot > 0 ? name[(dot + 1)..] : name;
        switch (ns)
        {
            case "param":
                return Parameter(node, member);
            case "criterion" when scope.Criteria.TryGetValue(member, out var c):
                Dependencies.Add(new Dependency(ConclusionKind.Criterion, member, _negations % 2 == 1, node.Offset));
                return new(TruthRead(nameof(EvaluationState.Criteria), c, scope.Leaf(LeafKind.Criterion, member, member, c)), ValueType.Bool);
            case "finding" when scope.Findings.TryGetValue(member, out var f):
                Dependencies.Add(new Dependency(ConclusionKind.Finding, member, _negations % 2 == 1, node.Offset));
                return new(TruthRead(nameof(EvaluationState.Findings), f, scope.Leaf(LeafKind.Finding, member, member, f)), ValueType.Bool);
            case "outcome" when scope.Outcomes.TryGetValue(member, out var o):
                Dependencies.Add(new Dependency(ConclusionKind.Outcome, member, _negations % 2 == 1, node.Offset));
                var call = Expression.Call(typeof(RuntimeOps), nameof(RuntimeOps.Outcome), null, State, Expression.Constant(o.Index),
                    Expression.Constant(scope.Leaf(LeafKind.Outcome, member, member, o.Index)));
                return new(call, ValueType.Code(o.Domain));
            case "criterion" or "finding" or "outcome":
                var known = ns switch { "criterion" => scope.Criteria.Keys, "finding" => scope.Findings.Keys, _ => scope.Outcomes.Keys };
                Error(node, $"no rule concludes {ns} '{member}'" + Hint(member, known));
                return null;
        }

        var candidates = FactModel.CaseFields.Keys.Append("case.as_of").Concat(scope.Parameters.Keys.Select(p => "param." + p));
        Error(node, $"unknown name '{name}': a condition can only read declared facts, parameters, criteria, findings and outcomes" + Hint(name, candidates));
        return null;
    }

    private static string Hint(string name, IEnumerable<string> candidates) =>
        Spelling.Closest(name, candidates) is { } s ? $"; did you mean '{s}'?" : "";

    private Expression TruthRead(string array, int index, int leaf) =>
        Expression.Call(typeof(RuntimeOps), nameof(RuntimeOps.Truth), null,
            Expression.Property(State, array), Expression.Constant(index), State, Expression.Constant(leaf));

    /// <summary>The missing-fact leaf of a field of the events of one type, or of the employees.</summary>
    private int ItemLeaf(string collection, FactField field) => collection == FactModel.EmployeesCollection
        ? scope.Leaf(LeafKind.Fact, $"municipality.employees.{field.Path}", $"{field.DutchLabel} van een dienstbetrekking beschut werk")
        : scope.Leaf(LeafKind.Fact, $"events.{collection}.{field.Path}", $"{field.DutchLabel} bij gebeurtenis {collection}");

    private static Expression Track(Expression read, int leaf) =>
        Expression.Call(typeof(RuntimeOps), nameof(RuntimeOps.Track), null, read, State, Expression.Constant(leaf));

    private Typed? Parameter(NameNode node, string name)
    {
        if (!scope.Parameters.TryGetValue(name, out var p))
        {
            Error(node, $"unknown parameter 'param.{name}'" + Hint(name, scope.Parameters.Keys));
            return null;
        }

        switch (p.Type)
        {
            case ParameterType.Table:
                Error(node, $"param.{name} is a table: look a value up with param.{name}[{string.Join(", ", p.Table!.Keys.Select(k => k.Name))}]");
                return null;
            case ParameterType.List:
                Error(node, $"param.{name} is a list: use it after 'in', e.g. x in param.{name}");
                return null;
        }

        return Constant(p.Type, p.Value);
    }

    private static Typed Constant(ParameterType type, object? value) => type switch
    {
        ParameterType.Boolean => new(Expression.Constant((bool?)value, typeof(bool?)), ValueType.Bool),
        ParameterType.Money => new(Expression.Constant((decimal?)value, typeof(decimal?)), ValueType.Money),
        ParameterType.Date => new(Expression.Constant(((DateOnly?)value)?.DayNumber, typeof(int?)), ValueType.Date),
        ParameterType.Text => new(Expression.Constant((string?)value, typeof(string)), ValueType.Text),
        ParameterType.Percentage => new(Expression.Constant((decimal?)value, typeof(decimal?)), ValueType.Percentage),
        _ => new(Expression.Constant((decimal?)value, typeof(decimal?)), ValueType.Number),
    };

    private Typed? Index(IndexNode node)
    {
        var name = node.Table.Name;
        if (!name.StartsWith("param.", StringComparison.Ordinal) || !scope.Parameters.TryGetValue(name[6..], out var p) || p.Table is null)
        {
            Error(node, $"'{name}' is not a table parameter; only param.<table>[keys] can be indexed");
            return null;
        }

        var table = p.Table;
        if (node.Keys.Count != table.Keys.Count)
        {
            Error(node, $"param.{p.Name} has {table.Keys.Count} key(s) ({string.Join(", ", table.Keys.Select(k => k.Name))}), not {node.Keys.Count}");
            return null;
        }

        var args = new Expression[] { Expression.Constant(null, typeof(string)), Expression.Constant(null, typeof(decimal?)), Expression.Constant(null, typeof(string)), Expression.Constant(null, typeof(decimal?)) };
        var ok = true;
        for (var i = 0; i < node.Keys.Count; i++)
        {
            var key = Compile(node.Keys[i]);
            if (key is null) { ok = false; continue; }
            var wanted = table.Keys[i].Type == ParameterType.Text ? ValueKind.Text : ValueKind.Number;
            if (key.Value.Type.Kind != wanted)
            {
                Error(node.Keys[i], $"key '{table.Keys[i].Name}' of param.{p.Name} must be {(wanted == ValueKind.Text ? "text" : "a number")}, not {key.Value.Type}");
                ok = false;
                continue;
            }

            args[i * 2 + (wanted == ValueKind.Text ? 0 : 1)] = key.Value.Expr;
        }

        if (!ok) return null;
        var leaf = scope.Leaf(LeafKind.TableRow, "param." + p.Name, p.Description ?? p.Name);
        var call = Expression.Call(typeof(RuntimeOps), nameof(RuntimeOps.Lookup), null,
            [Expression.Constant(table), .. args, State, Expression.Constant(leaf)]);
        return new(call, table.ValueType == ParameterType.Money ? ValueType.Money : ValueType.Number);
    }

    private Typed? Unary(UnaryNode node)
    {
        if (node.Operator == UnaryOperator.Not) _negations++;
        var operand = Compile(node.Operand);
        if (node.Operator == UnaryOperator.Not) _negations--;
        if (operand is null) return null;
        var (expr, type) = operand.Value;
        if (node.Operator == UnaryOperator.Not)
        {
            if (type.Kind == ValueKind.Bool) return new(Op(nameof(ExpressionType.Not), expr), type);
            Error(node, $"'not' needs a truth value, not a {type}");
            return null;
        }

        // A negated number written in the rule (-1, -param.x) is a constant: folded once here, not negated per case.
        if (type.Kind is ValueKind.Number or ValueKind.Money)
            return new(expr is ConstantExpression { Value: decimal number } ? Expression.Constant(-number, typeof(decimal?)) : Op(nameof(ExpressionType.Negate), expr), type);
        Error(node, $"'-' needs a number or amount, not a {type}");
        return null;
    }

    private Typed? Binary(BinaryNode node)
    {
        var left = Compile(node.Left);
        var right = Compile(node.Right);
        if (left is null || right is null) return null;
        var (l, lt) = left.Value;
        var (r, rt) = right.Value;

        switch (node.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                if (lt.Kind != ValueKind.Bool || rt.Kind != ValueKind.Bool)
                {
                    Error(node, $"'{(node.Operator == BinaryOperator.And ? "and" : "or")}' joins truth values, not {lt} and {rt}");
                    return null;
                }

                return new(Logical(or: node.Operator == BinaryOperator.Or, l, r), ValueType.Bool);

            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                if (CoerceCode(node.Left, l, lt, rt) is not { } left2 || CoerceCode(node.Right, r, rt, left2.Item2) is not { } right2) return null;
                ((l, lt), (r, rt)) = (left2, right2);
                if (!SameType(lt, rt))
                {
                    Error(node, $"cannot compare a {lt} with a {rt}");
                    return null;
                }

                var equal = Op("Equal", l, r);
                return new(node.Operator == BinaryOperator.Equal ? equal : Op(nameof(ExpressionType.Not), equal), ValueType.Bool);

            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                if (!SameType(lt, rt) || lt.Kind is not (ValueKind.Number or ValueKind.Money or ValueKind.Date))
                {
                    Error(node, $"cannot order a {lt} against a {rt}; before/after works on two dates, less/more on two numbers or two amounts");
                    return null;
                }

                return new(Op(node.Operator.ToString(), l, r), ValueType.Bool);

            default:
                return Arithmetic(node, l, lt, r, rt);
        }
    }

    /// <summary>
    /// An operator. Comparisons and arithmetic on nullable values are emitted inline (lifted: unknown in, unknown out),
    /// which runs about 1.5× faster than a call; the rest call the <see cref="RuntimeOps"/> method of that name. Both
    /// operands are always evaluated first — a lifted operator would skip its right operand when the left is unknown,
    /// and the unknown facts on the right would then not be reported as missing.
    /// </summary>
    private static Expression Op(string method, params Expression[] operands)
    {
        if (operands is [var operand] && method is nameof(ExpressionType.Not) or nameof(ExpressionType.Negate))
            return method == nameof(ExpressionType.Not) ? Expression.Not(operand) : Expression.Negate(operand);
        if (operands is not [var left, var right] || left.Type == typeof(string) || Lifted(method) is not { } make)
            return Expression.Call(typeof(RuntimeOps), method, null, operands);

        var l = Expression.Variable(left.Type, "left");
        var r = Expression.Variable(right.Type, "right");
        var op = make(l, r);
        return Expression.Block(op.Type, [l, r], Expression.Assign(l, left), Expression.Assign(r, right), op);
    }

    private static Func<Expression, Expression, Expression>? Lifted(string method) => method switch
    {
        "Equal" => (l, r) => Expression.Equal(l, r, liftToNull: true, method: null),
        "Less" => (l, r) => Expression.LessThan(l, r, liftToNull: true, method: null),
        "LessOrEqual" => (l, r) => Expression.LessThanOrEqual(l, r, liftToNull: true, method: null),
        "Greater" => (l, r) => Expression.GreaterThan(l, r, liftToNull: true, method: null),
        "GreaterOrEqual" => (l, r) => Expression.GreaterThanOrEqual(l, r, liftToNull: true, method: null),
        "Add" => Expression.Add,
        "Subtract" => Expression.Subtract,
        "Multiply" => Expression.Multiply,
        _ => null,
    };

    /// <summary>
    /// and / or in Kleene logic with short-circuit: `false and x` and `true or x` do not evaluate x (the history
    /// quantifiers on the right are the expensive part); false wins over unknown in `and`, true in `or`. The mark is
    /// taken before either operand runs, so a known result forgets the unknown reads made on the way; an unknown one
    /// keeps them, as the facts that could decide it. Written out rather than called: the JIT does not inline the
    /// engine's helpers into compiled conditions.
    /// </summary>
    private static Expression Logical(bool or, Expression left, Expression right)
    {
        var mark = Expression.Variable(typeof(int), "mark");
        var l = Expression.Variable(typeof(bool?), "l");
        var r = Expression.Variable(typeof(bool?), "r");
        // The value that decides on its own: false for and, true for or.
        var decisive = Expression.Constant(or, typeof(bool?));
        Expression Decided(Expression result) => Expression.Block(Expression.Assign(MissingCount(), mark), result);
        return Expression.Block(typeof(bool?), [mark, l, r],
            Expression.Assign(mark, MissingCount()),
            Expression.Assign(l, left),
            Expression.Condition(Expression.Equal(l, decisive), Decided(l), Expression.Block(
                Expression.Assign(r, right),
                Expression.Condition(Expression.Equal(r, decisive), Decided(decisive),
                    // Neither decides: both known (so both the other value), or unknown.
                    Expression.Condition(Expression.AndAlso(Known(l), Known(r)),
                        Decided(Expression.Constant(!or, typeof(bool?))),
                        Expression.Constant(null, typeof(bool?)))))));
    }

    /// <summary>first_known(a, b): a when known, else b, which is then evaluated; a known result forgets the unknown
    /// reads made on the way (those of a), an unknown one keeps them.</summary>
    private static Expression FirstKnown(Expression first, Expression next)
    {
        var mark = Expression.Variable(typeof(int), "mark");
        var value = Expression.Variable(first.Type, "value");
        return Expression.Block(first.Type, [mark, value],
            Expression.Assign(mark, MissingCount()),
            Expression.Assign(value, first),
            Expression.IfThen(Expression.Not(Known(value)), Expression.Assign(value, next)),
            Expression.IfThen(Known(value), Expression.Assign(MissingCount(), mark)),
            value);
    }

    /// <summary>Whether a value held in a variable is known: a text or collection that is not null, a nullable that has
    /// a value. A variable, because the expression compiler cannot take HasValue of a quantifier's loop in place.</summary>
    internal static Expression Known(ParameterExpression value) => value.Type.IsValueType
        ? Expression.Property(value, nameof(Nullable<bool>.HasValue))
        : Expression.ReferenceNotEqual(value, Expression.Constant(null, value.Type));

    /// <summary>How many unknown reads are recorded so far (<see cref="EvaluationState.MissingCount"/>), read and written
    /// directly: the mark a logical operator or first_known takes, and restores when its result is known.</summary>
    private static MemberExpression MissingCount() => Expression.Field(State, nameof(EvaluationState.MissingCount));

    private Typed? Arithmetic(BinaryNode node, Expression l, ValueType lt, Expression r, ValueType rt)
    {
        var op = node.Operator;
        ValueType? result = (op, lt.Kind, rt.Kind) switch
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
        if (result is null)
        {
            var hint = lt.Kind == ValueKind.Date || rt.Kind == ValueKind.Date
                ? "; for dates use days_between, months_between, add_days or add_months"
                : "";
            Error(node, $"cannot apply '{ConditionPrinter.Print(node with { Left = new NameNode("a", 0), Right = new NameNode("b", 0) })[2..^2]}' to a {lt} and a {rt}{hint}");
            return null;
        }

        return new(Op(op.ToString(), l, r), result);
    }

    private static bool SameType(ValueType a, ValueType b) =>
        a.Kind == b.Kind && (a.Kind != ValueKind.Code || a.Domain == b.Domain);

    /// <summary>A text literal compared with a code value becomes that code's index, checked against the domain.</summary>
    private (Expression, ValueType)? CoerceCode(Node node, Expression expr, ValueType type, ValueType other)
    {
        if (other.Kind != ValueKind.Code || type.Kind != ValueKind.Text || node is not LiteralNode { Kind: LiteralKind.Text } literal)
            return (expr, type);
        var index = other.Domain!.IndexOf(literal.Text);
        if (index < 0)
        {
            Error(node, $"'{literal.Text}' is not one of ({string.Join(", ", other.Domain.Codes)})" + Hint(literal.Text, other.Domain.Codes));
            return null;

        }

        return (Expression.Constant(index, typeof(int?)), other);
    }

    private Typed? In(InNode node)
    {
        var value = Compile(node.Value);
        if (value is null) return null;
        var (v, vt) = value.Value;
        var items = new List<Expression>();
        if (node.Items is [NameNode { Name: var listName } listNode] && listName.StartsWith("param.", StringComparison.Ordinal)
            && scope.Parameters.TryGetValue(listName[6..], out var list) && list.Type == ParameterType.List)
        {
            foreach (var item in list.Items)
            {
                var constant = Constant(list.ItemType!.Value, item);
                if (vt.Kind == ValueKind.Code && constant.Type.Kind == ValueKind.Text)
                {
                    var index = vt.Domain!.IndexOf((string)item);
                    if (index < 0) { Error(listNode, $"list param.{list.Name} holds '{item}', which is not one of ({string.Join(", ", vt.Domain.Codes)})"); return null; }
                    constant = new(Expression.Constant(index, typeof(int?)), vt);
                }

                if (!SameType(constant.Type, vt)) { Error(listNode, $"list param.{list.Name} holds {constant.Type} values, not {vt}"); return null; }
                items.Add(constant.Expr);
            }
        }
        else
        {
            foreach (var itemNode in node.Items)
            {
                var item = Compile(itemNode);
                if (item is null) return null;
                if (CoerceCode(itemNode, item.Value.Expr, item.Value.Type, vt) is not var (e, t)) return null;
                if (!SameType(t, vt)) { Error(itemNode, $"the list holds a {t}, but the value tested is a {vt}"); return null; }
                // A negated number is folded into a constant (Unary), but was never a list item: still refused.
                if (e is not ConstantExpression || itemNode is UnaryNode) { Error(itemNode, "list items must be written-out values or come from a list parameter"); return null; }
                items.Add(e);
            }
        }

        // The list is known when the rule set is compiled: one constant array, looked up per case.
        var elementType = Nullable.GetUnderlyingType(v.Type) ?? v.Type;
        var array = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++) array.SetValue(((ConstantExpression)items[i]).Value, i);
        var test = Op(nameof(RuntimeOps.In), v, Expression.Constant(array));
        return new(node.Negated ? Op(nameof(ExpressionType.Not), test) : test, ValueType.Bool);
    }

    private Typed? IsKnown(IsKnownNode node)
    {
        var value = Compile(node.Value);
        if (value is null) return null;
        // Never unknown itself, so the reads the value made are forgotten.
        var expr = value.Value.Expr;
        var mark = Expression.Variable(typeof(int), "mark");
        var read = Expression.Variable(expr.Type, "value");
        var known = node.Known ? Known(read) : Expression.Not(Known(read));
        return new(Expression.Block(typeof(bool?), [mark, read],
            Expression.Assign(mark, MissingCount()),
            Expression.Assign(read, expr),
            Expression.Assign(MissingCount(), mark),
            Expression.Convert(known, typeof(bool?))), ValueType.Bool);
    }

    private Typed? Call(CallNode node)
    {
        if (!Functions.TryGetValue(node.Function, out var fixedFunction))
        {
            Error(node, $"unknown function '{node.Function}': a condition can only call {string.Join(", ", Functions.Keys)}" + Hint(node.Function, Functions.Keys));
            return null;
        }

        var args = node.Arguments.Select(Compile).ToList();
        if (args.Any(a => a is null)) return null;
        var typed = args.Select(a => a!.Value).ToList();

        if (fixedFunction is not null)
        {
            var kinds = fixedFunction.Arguments;
            if (typed.Count != kinds.Length)
            {
                Error(node, $"{node.Function} takes {kinds.Length} argument(s), not {typed.Count}");
                return null;
            }

            for (var i = 0; i < kinds.Length; i++)
            {
                if (typed[i].Type.Kind != kinds[i])
                {
                    Error(node.Arguments[i], $"argument {i + 1} of {node.Function} must be a {kinds[i].ToString().ToLowerInvariant()}, not a {typed[i].Type}");
                    return null;
                }
            }

            return new(Expression.Call(typeof(RuntimeOps), fixedFunction.Helper, null, typed.Select(t => t.Expr).ToArray()), fixedFunction.Result);
        }

        // min, max, first_known: two or more values of one type.
        if (typed.Count < 2 || typed.Any(t => !SameType(t.Type, typed[0].Type)))
        {
            Error(node, $"{node.Function} takes two or more values of the same type");
            return null;
        }

        var type = typed[0].Type;
        if (node.Function != "first_known" && type.Kind is not (ValueKind.Number or ValueKind.Money or ValueKind.Date))
        {
            Error(node, $"{node.Function} works on numbers, amounts or dates, not on a {type}");
            return null;
        }

        var result = typed[0].Expr;
        foreach (var next in typed.Skip(1))
        {
            result = node.Function switch
            {
                // first_known: the first known value; unknown reads before it do not count as missing.
                "first_known" => FirstKnown(result, next.Expr),
                // min/max are unknown when either side is unknown.
                "min" => Op(nameof(RuntimeOps.Min), result, next.Expr),
                _ => Op(nameof(RuntimeOps.Max), result, next.Expr),
            };
        }

        return new(result, type);
    }

    private Typed? Aggregate(AggregateNode node)
    {
        var isEmployees = node.Collection == FactModel.EmployeesCollection;
        if (!isEmployees && !FactModel.EventCollections.ContainsKey(node.Collection))
        {
            var names = FactModel.EventCollections.Keys.Append(FactModel.EmployeesCollection).ToList();
            Error(node.CollectionOffset, $"unknown collection '{node.Collection}' (event types: {string.Join(", ", FactModel.EventCollections.Keys)}; or employees)" + Hint(node.Collection, names));
            return null;
        }

        var itemType = isEmployees ? typeof(Employee) : typeof(CaseEvent);
        var fields = isEmployees ? FactModel.EmployeeFields : FactModel.EventFields;
        // The item of the quantifier's loop (QuantifierCode), which the predicate and the field read.
        var item = Expression.Variable(itemType, isEmployees ? "employee" : "evt");

        Expression? where = null;
        if (node.Where is not null)
        {
            _items.Push(new ItemScope(item, fields, node.Collection));
            var predicate = Compile(node.Where);
            _items.Pop();
            if (predicate is null) return null;
            if (predicate.Value.Type.Kind != ValueKind.Bool) { Error(node.Where, "'where' needs a condition that is true or false"); return null; }
            where = predicate.Value.Expr;
        }

        FactField? field = null;
        if (node.Field is not null)
        {
            if (!fields.TryGetValue(node.Field, out field))
            {
                Error(node, $"'{node.Field}' is not a field of {node.Collection} (fields: {string.Join(", ", fields.Keys)})");
                return null;
            }

            if (node.Kind == AggregateKind.Sum && field.Type.Kind is not (ValueKind.Number or ValueKind.Money))
            {
                Error(node, $"sum needs a number field, and {node.Field} is a {field.Type}");
                return null;
            }
        }


        Expression items;
        if (isEmployees)
        {
            FactsRead.Add(FactModel.EmployeesPath);
            var leaf = scope.Leaf(LeafKind.Fact, FactModel.EmployeesPath, FactModel.EmployeesLabel);
            items = Expression.Call(typeof(RuntimeOps), nameof(RuntimeOps.Employees), null, State, Expression.Constant(leaf));
        }
        else
        {
            var type = (int)FactModel.EventCollections[node.Collection];
            items = Expression.Call(State, nameof(EvaluationState.EventsOfType), null, Expression.Constant(type));
        }

        return node.Kind switch
        {
            AggregateKind.Exists => new(QuantifierCode.Exists(items, item, where), ValueType.Bool),
            AggregateKind.Count => new(QuantifierCode.Count(items, item, where), ValueType.Number),
            AggregateKind.Sum => new(QuantifierCode.Sum(items, item, where, field!.Read(item)), field.Type),
            _ when isEmployees => Unsupported(node, "latest and earliest apply to events, which have dates"),
            _ => new(QuantifierCode.Pick(items, item, where, field!.Read(item), node.Kind == AggregateKind.Latest, ItemLeaf(node.Collection, field), State), field.Type),
        };
    }

    private Typed? Unsupported(Node node, string message)
    {
        Error(node, message);
        return null;
    }
}
