using EligibilityEngine.Decisions;
using EligibilityEngine.Text;

namespace EligibilityEngine.Host.Web;

/// <summary>One case judged twice (two dates, or two versions): each outcome and criterion side by side.</summary>
public sealed record Comparison(Decision First, Decision Second)
{
    /// <summary>One line of the comparison: what it is, the value on each side (null where that version has none), and
    /// each side's explanation.</summary>
    public sealed record Row(string Id, string Title, string? First, string? Second, string? FirstExplanation, string? SecondExplanation)
    {
        public bool Differs => First != Second;
    }

    public IReadOnlyList<Row> Outcomes { get; } = Rows(First.Outcomes, Second.Outcomes, o => o.Id, o => o.Title, o => o.ValueLabel, o => o.Explanation);

    public IReadOnlyList<Row> Criteria { get; } = Rows(First.Criteria, Second.Criteria, c => c.Id, c => c.Title,
        c => CriterionText.Mark(c.Status) + " " + CriterionText.Word(c.Status), c => c.Explanation);

    public int Differences => Outcomes.Count(r => r.Differs) + Criteria.Count(r => r.Differs);

    private static IReadOnlyList<Row> Rows<T>(IReadOnlyList<T> first, IReadOnlyList<T> second, Func<T, string> id, Func<T, string> title,
        Func<T, string> value, Func<T, string> explanation)
    {
        var ids = first.Select(id).Concat(second.Select(id)).Distinct().ToList();
        return ids.Select(i =>
        {
            var a = first.FirstOrDefault(x => id(x) == i);
            var b = second.FirstOrDefault(x => id(x) == i);
            var any = a ?? b!;
            return new Row(i, title(any), a is null ? null : value(a), b is null ? null : value(b),
                a is null ? null : explanation(a), b is null ? null : explanation(b));
        }).ToList();
    }
}
