namespace EligibilityEngine.Conditions;

/// <summary>Measures a parsed condition's depth without recursing, so that a tree too deep for the compiler and the
/// printer (which do recurse) is refused before either sees it.</summary>
public static class AstDepth
{
    public static void Check(Node root, int maxDepth)
    {
        var pending = new Stack<(Node Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.TryPop(out var item))
        {
            if (item.Depth > maxDepth)
                throw new ConditionSyntaxException($"the condition is too deep (more than {maxDepth} levels of operators): split it into criteria or findings", item.Node.Offset);
            foreach (var child in Children(item.Node)) pending.Push((child, item.Depth + 1));
        }
    }

    /// <summary>The operands of a node (also read by the verifier's built-in properties).</summary>
    internal static IEnumerable<Node> Children(Node node) => node switch
    {
        UnaryNode u => [u.Operand],
        BinaryNode b => [b.Left, b.Right],
        InNode i => [i.Value, .. i.Items],
        IsKnownNode k => [k.Value],
        CallNode c => c.Arguments,
        IndexNode x => [x.Table, .. x.Keys],
        AggregateNode { Where: { } where } => [where],
        _ => [],
    };
}
