namespace EligibilityEngine.Conditions;

/// <summary>
/// A condition split at its top level into the parts a reader checks one by one: the operands of its top-level
/// <c>and</c>s, which must all hold (<see cref="All"/>); or, when the condition is an <c>or</c> at the top, its
/// operands, of which one must hold. Any other condition is one part. The Dutch text of a rule and the truth of each
/// part for a case are both made from this one split, so they name the same parts.
/// </summary>
public sealed record ConditionParts(bool All, IReadOnlyList<Node> Parts)
{
    public static ConditionParts Of(Node condition)
    {
        var conjuncts = Operands(condition, BinaryOperator.And);
        return conjuncts.Count > 1 ? new(true, conjuncts)
            : Operands(condition, BinaryOperator.Or) is { Count: > 1 } disjuncts ? new(false, disjuncts)
            : new(true, [condition]);
    }

    private static List<Node> Operands(Node node, BinaryOperator op) =>
        node is BinaryNode b && b.Operator == op ? [.. Operands(b.Left, op), .. Operands(b.Right, op)] : [node];
}
