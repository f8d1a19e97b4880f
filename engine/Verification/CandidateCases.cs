using System.Globalization;
using System.Text.RegularExpressions;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Verification;

/// <summary>
/// Known cases (the rule tests, the samples) to try before the solver: what the engine shows of them needs no search. The
/// rule tests are written for their own version's dates, so each case is also tried on the dates asked for, and moved
/// (every date of the case, its peildatum with them) whole years into each year of those dates and, where asked, whole
/// days onto each of those dates: a version in force for a few weeks has few tests of its own, and a case moved into its
/// period is still a real case, whatever the engine says of it.
/// </summary>
public static partial class CandidateCases
{
    /// <summary>Each case on its own peildatum, on each of <paramref name="dates"/>, moved into each of their years, and,
    /// with <paramref name="ontoDates"/>, moved onto each of them.</summary>
    /// <param name="ontoDates">Whether to move cases onto the dates too: what a version of a few weeks needs (verify), and
    /// what an exact diff, which tries thousands of generated cases per pair, finds no region with and pays twice for.</param>
    public static IEnumerable<(Case Case, DateOnly AsOf)> On(IEnumerable<(Case Case, DateOnly AsOf)> candidates, IReadOnlyList<DateOnly> dates, bool ontoDates = false) =>
        candidates.SelectMany(c => dates.Select(d => (c.Case, AsOf: d))
            .Concat(dates.Select(d => d.Year).Distinct().Select(year => Moved(c.Case, c.AsOf, d => d.AddYears(year - c.AsOf.Year))).OfType<(Case Case, DateOnly AsOf)>())
            .Concat((ontoDates ? dates : []).Select(to => Moved(c.Case, c.AsOf, d => d.AddDays(to.DayNumber - c.AsOf.DayNumber))).OfType<(Case Case, DateOnly AsOf)>())
            .Prepend(c));

    /// <summary>The cases one step from a case: each fact, event or event field left out (unknown, not there) and each
    /// yes/no fact turned round, read back through its case file (those that are no valid case are skipped); and the
    /// case with the events of each of <paramref name="others"/> added, or with its person or its application instead
    /// of this case's, on either peildatum (a region often needs the person of one witness and the application or
    /// history of another: 2024-01-01 → 2026-01-01 found 71 of 88 regions without the solver so, 57 without).</summary>
    public static IEnumerable<(Case Case, DateOnly AsOf)> Neighbours((Case Case, DateOnly AsOf) candidate, IReadOnlyList<(Case Case, DateOnly AsOf)> others)
    {
        foreach (var step in Steps(candidate, turn: true)) yield return step;
        foreach (var other in others)
        {
            var crossed = new List<Case>();
            if (other.Case.Events.Count > 0) crossed.Add(candidate.Case with { Events = [.. candidate.Case.Events, .. other.Case.Events] });
            if (other.Case.Person != candidate.Case.Person) crossed.Add(candidate.Case with { Person = other.Case.Person });
            if (other.Case.Application != candidate.Case.Application) crossed.Add(candidate.Case with { Application = other.Case.Application });
            foreach (var joined in crossed)
            {
                yield return (joined, candidate.AsOf);
                if (other.AsOf != candidate.AsOf) yield return (joined, other.AsOf);
            }
        }
    }

    /// <summary>The cases with one fact, event or event field of this case left out: one step smaller.</summary>
    public static IEnumerable<(Case Case, DateOnly AsOf)> LeftOut((Case Case, DateOnly AsOf) candidate) => Steps(candidate, turn: false);

    private static IEnumerable<(Case Case, DateOnly AsOf)> Steps((Case Case, DateOnly AsOf) candidate, bool turn)
    {
        var lines = CaseYamlWriter.Write(candidate.Case, candidate.AsOf).Split('\n');
        // A step is a changed line: one that gives the line back (a field left out of "- {  }", an item without fields)
        // is no step, and would be taken again and again by whoever makes a case smaller one step at a time.
        IEnumerable<(Case Case, DateOnly AsOf)> With(int i, string? line) =>
            line == lines[i] ? [] :
            Read(string.Join('\n', lines.Select((l, j) => j == i ? line : l).OfType<string>()), "naburige casus") is { } read ? [read] : [];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!line.StartsWith(' ') || line.TrimEnd().EndsWith(':')) continue;
            foreach (var c in With(i, null)) yield return c;
            var turned = !turn ? null : line.EndsWith(": true") ? line[..^4] + "false" : line.EndsWith(": false") ? line[..^5] + "true" : null;
            if (turned is not null) foreach (var c in With(i, turned)) yield return c;
            if (FlowItem().Match(line) is { Success: true } item)
            {
                var fields = item.Groups[2].Value.Split(", ");
                for (var f = 0; f < fields.Length; f++)
                    if (!fields[f].StartsWith("type:"))
                        foreach (var c in With(i, $"{item.Groups[1].Value}{{ {string.Join(", ", fields.Where((_, g) => g != f))} }}")) yield return c;
            }
        }
    }

    /// <summary>The case of a case file made here, with its peildatum; null when it is no valid case.</summary>
    private static (Case Case, DateOnly AsOf)? Read(string text, string name)
    {
        try
        {
            var file = CaseReader.ReadText(text, name);
            return file.AsOf is { } asOf ? (file.Case, asOf) : null;
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(\s*- )\{ (.*) \}\s*$")]
    private static partial Regex FlowItem();

    /// <summary>The case with every date (and the peildatum) moved by <paramref name="move"/>, through its case file; null when
    /// there is nothing to move or the moved case is not a valid one (a date out of range).</summary>
    private static (Case Case, DateOnly AsOf)? Moved(Case @case, DateOnly asOf, Func<DateOnly, DateOnly> move)
    {
        if (asOf == DateOnly.MinValue || move(asOf) == asOf) return null;
        var text = DateText().Replace(CaseYamlWriter.Write(@case, asOf), m =>
            move(DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Read(text, "verschoven casus");
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex DateText();
}
