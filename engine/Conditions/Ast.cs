namespace EligibilityEngine.Conditions;

/// <summary>A node of a parsed condition; <see cref="Offset"/> is where it starts in the condition text.</summary>
public abstract record Node(int Offset);

public enum LiteralKind { Bool, Number, Money, Date, Text }

public sealed record LiteralNode(LiteralKind Kind, string Text, int Offset) : Node(Offset);

/// <summary>A dotted name: a fact (person.has_work_capacity), a parameter (param.x), a criterion, finding or
/// outcome, case.as_of, or inside <c>where</c> a bare field of the current item.</summary>
public sealed record NameNode(string Name, int Offset) : Node(Offset);

/// <summary>A table lookup: param.quota[municipality.code, year(case.as_of)].</summary>
public sealed record IndexNode(NameNode Table, IReadOnlyList<Node> Keys, int Offset) : Node(Offset);

public enum UnaryOperator { Not, Negate }

public sealed record UnaryNode(UnaryOperator Operator, Node Operand, int Offset) : Node(Offset);

public enum BinaryOperator { Or, And, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Add, Subtract, Multiply, Divide }

public sealed record BinaryNode(BinaryOperator Operator, Node Left, Node Right, int Offset) : Node(Offset);

public sealed record InNode(Node Value, IReadOnlyList<Node> Items, bool Negated, int Offset) : Node(Offset);

/// <summary><c>x is known</c> / <c>x is unknown</c>: the only test that is never itself unknown.</summary>
public sealed record IsKnownNode(Node Value, bool Known, int Offset) : Node(Offset);

public sealed record CallNode(string Function, IReadOnlyList<Node> Arguments, int Offset) : Node(Offset);

public enum AggregateKind { Exists, Count, Latest, Earliest, Sum }

/// <summary>A quantifier over a collection: exists(advice_issued where result = 'positief'),
/// count(employees), latest(placed).date, sum(employees).hours_per_week.</summary>
public sealed record AggregateNode(AggregateKind Kind, string Collection, Node? Where, string? Field, int Offset, int CollectionOffset) : Node(Offset);
