namespace EligibilityEngine.Conditions;

/// <summary>
/// The case facts a version reads in place of a table's row: the facts written beside the row in <c>first_known</c>,
/// e.g. <c>municipality.quota</c> in <c>first_known(municipality.quota, param.quota[municipality.code, year(case.as_of)])</c>.
/// When the row is missing, a person who knows the number may state that fact instead.
/// </summary>
public static class StatedInstead
{
    /// <param name="conditions">The conditions of a version's rules, as written.</param>
    /// <param name="table">The table's name, without <c>param.</c>.</param>
    public static IReadOnlyList<string> Facts(IEnumerable<string> conditions, string table)
    {
        var facts = new List<string>();
        foreach (var condition in conditions)
        {
            var pending = new Stack<Node>([Parser.Parse(condition)]);
            while (pending.TryPop(out var node))
            {
                if (node is CallNode { Function: "first_known" } call && call.Arguments.Any(a => a is IndexNode { Table.Name: var name } && name == "param." + table))
                    facts.AddRange(call.Arguments.OfType<NameNode>().Select(n => n.Name).Where(n => !n.StartsWith("param.", StringComparison.Ordinal) && !facts.Contains(n)));
                foreach (var child in AstDepth.Children(node)) pending.Push(child);
            }
        }

        return facts;
    }
}
