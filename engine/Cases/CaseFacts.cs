using System.Globalization;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Cases;

/// <summary>
/// A case's known facts as (path, text) pairs, in the order of <see cref="FactModel"/>: each path as the case format
/// names the fact (<c>person.benefit</c>, <c>municipality.employees[0].count</c>, <c>events[2].date</c>), each text as
/// the case format writes it. What fills the web form from a case and what the print lists, without writing a case
/// file to read it back.
/// </summary>
public static class CaseFacts
{
    /// <summary>The key and text of each fact of one record (a section, an event, an employee); null when unknown.</summary>
    public static IEnumerable<(string Key, string? Text)> Texts(object record, IEnumerable<FactField> facts) =>
        facts.Select(f => (f.Key, Text(f, record)));

    /// <summary>The text of one fact of a record as the case format writes it; null when unknown.</summary>
    public static string? Text(FactField fact, object record) => fact.ValueIn(record) is { } value ? fact.Syntax.Write(value) : null;

    /// <summary>Every known fact of the case. The employees come as runs of identical contracts, each with its
    /// <c>count</c>, as the case format writes them.</summary>
    public static IEnumerable<(string Path, string Text)> Known(Case @case)
    {
        foreach (var section in FactModel.Sections)
            foreach (var (key, text) in Texts(Section(@case, section), FactModel.SectionFields(section)))
                if (text is not null) yield return ($"{section}.{key}", text);

        var runs = @case.Municipality.Employees is { } employees ? CountedEmployees.Runs(employees) : [];
        for (var i = 0; i < runs.Count; i++)
        {
            yield return (EmployeePath(i, "count"), runs[i].Count.ToString(CultureInfo.InvariantCulture));
            foreach (var (key, text) in Texts(runs[i].Employee, FactModel.EmployeeFields.Values))
                if (text is not null) yield return (EmployeePath(i, key), text);
        }

        for (var i = 0; i < @case.Events.Count; i++)
        {
            yield return (EventPath(i, "type"), FactModel.EventTypeSyntax.Write(@case.Events[i].Type));
            foreach (var (key, text) in Texts(@case.Events[i], FactModel.EventFields.Values))
                if (text is not null) yield return (EventPath(i, key), text);
        }
    }

    /// <summary>The path of a detail of an employee line: <c>municipality.employees[0].hours_per_week</c>.</summary>
    public static string EmployeePath(int index, string key) => $"municipality.{FactModel.EmployeesCollection}[{index}].{key}";

    /// <summary>The path of a detail of an event: <c>events[2].date</c>.</summary>
    public static string EventPath(int index, string key) => $"events[{index}].{key}";

    private static object Section(Case @case, string section) => section switch
    {
        "person" => @case.Person,
        "application" => @case.Application,
        "municipality" => @case.Municipality,
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "not a section of the case"),
    };
}
