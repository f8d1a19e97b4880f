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

    /// <summary>The case with every date (and the peildatum) moved by <paramref name="move"/>, through its case file; null when
    /// there is nothing to move or the moved case is not a valid one (a date out of range).</summary>
    private static (Case Case, DateOnly AsOf)? Moved(Case @case, DateOnly asOf, Func<DateOnly, DateOnly> move)
    {
        if (asOf == DateOnly.MinValue || move(asOf) == asOf) return null;
        var text = DateText().Replace(CaseYamlWriter.Write(@case, asOf), m =>
            move(DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        try
        {
            var file = CaseReader.ReadText(text, "verschoven casus");
            return (file.Case, file.AsOf!.Value);
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex DateText();
}
