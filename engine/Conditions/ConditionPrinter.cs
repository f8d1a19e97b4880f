using System.Text;

namespace EligibilityEngine.Conditions;

/// <summary>
/// Prints a condition in one canonical form (single spaces, minimal parentheses). Two conditions that differ only
/// in layout print the same, which is what the content hash and the semantic diff compare.
/// </summary>
public static class ConditionPrinter
{
    public static string Print(Node node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static int Precedence(Node node) => node switch
    {
        BinaryNode { Operator: BinaryOperator.Or } => 1,
        BinaryNode { Operator: BinaryOperator.And } => 2,
        UnaryNode { Operator: UnaryOperator.Not } => 3,
        BinaryNode { Operator: >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual } or InNode or IsKnownNode => 4,
        BinaryNode { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => 5,
        BinaryNode { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } => 6,
        UnaryNode { Operator: UnaryOperator.Negate } => 7,
        _ => 8,
    };

    private static void Write(StringBuilder b, Node node, int parentPrecedence, bool rightOperand = false)
    {
        var precedence = Precedence(node);
        // Left-associative operators need parentheses on an equal-precedence right operand: a - (b - c).
        var parenthesise = precedence < parentPrecedence || (rightOperand && precedence == parentPrecedence && precedence is 4 or 5 or 6);
        if (parenthesise) b.Append('(');
        switch (node)
        {
            case LiteralNode literal:
                b.Append(literal.Kind switch
                {
                    LiteralKind.Text => $"'{literal.Text}'",
                    LiteralKind.Money => $"€{literal.Text}",
                    _ => literal.Text,
                });
                break;
            case NameNode name:
                b.Append(name.Name);
                break;
            case IndexNode index:
                b.Append(index.Table.Name).Append('[');
                WriteList(b, index.Keys);
                b.Append(']');
                break;
            case UnaryNode unary:
                b.Append(unary.Operator == UnaryOperator.Not ? "not " : "-");
                Write(b, unary.Operand, precedence);
                break;
            case BinaryNode binary:
                Write(b, binary.Left, precedence);
                b.Append(' ').Append(Symbol(binary.Operator)).Append(' ');
                Write(b, binary.Right, precedence, rightOperand: true);
                break;
            case InNode @in:
                Write(b, @in.Value, precedence + 1);
                b.Append(@in.Negated ? " not in " : " in ");
                if (@in.Items is [NameNode listParameter]) b.Append(listParameter.Name);
                else
                {
                    b.Append('[');
                    WriteList(b, @in.Items);
                    b.Append(']');
                }

                break;
            case IsKnownNode known:
                Write(b, known.Value, precedence + 1);
                b.Append(known.Known ? " is known" : " is unknown");
                break;
            case CallNode call:
                b.Append(call.Function).Append('(');
                WriteList(b, call.Arguments);
                b.Append(')');
                break;
            case AggregateNode aggregate:
                b.Append(aggregate.Kind.ToString().ToLowerInvariant()).Append('(').Append(aggregate.Collection);
                if (aggregate.Where is not null)
                {
                    b.Append(" where ");
                    Write(b, aggregate.Where, 0);
                }

                b.Append(')');
                if (aggregate.Field is not null) b.Append('.').Append(aggregate.Field);
                break;
        }

        if (parenthesise) b.Append(')');
    }

    private static void WriteList(StringBuilder b, IReadOnlyList<Node> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) b.Append(", ");
            Write(b, items[i], 0);
        }
    }

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        _ => "/",
    };
}
