using System.Globalization;
using System.Text;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Cases;

/// <summary>
/// Writes case facts as a case file that <see cref="CaseReader"/> reads back to the same facts: unknown facts are left
/// out, codes are the snake_case codes of the case format, dates YYYY-MM-DD, numbers with a decimal point.
/// </summary>
public static class CaseYamlWriter
{
    public static string Write(Case @case, DateOnly? asOf = null, string? version = null)
    {
        var b = new StringBuilder();
        if (@case.CaseId is { } id) Line(b, 0, "case_id", Quote(id));
        if (asOf is { } date) Line(b, 0, "as_of", Date(date));
        if (version is not null) Line(b, 0, "version", Quote(version));

        var p = @case.Person;
        Section(b, "person",
            ("date_of_birth", p.DateOfBirth is { } dob ? Date(dob) : null),
            ("has_work_capacity", Bool(p.HasWorkCapacity)),
            ("supervision_need", Code(p.SupervisionNeed)),
            ("adaptation_need", Code(p.AdaptationNeed)),
            ("supervision_beyond_employer", Bool(p.SupervisionBeyondEmployer)),
            ("adaptations_beyond_employer", Bool(p.AdaptationsBeyondEmployer)),
            ("benefit", Code(p.Benefit)),
            ("registered_as_job_seeker", Bool(p.RegisteredAsJobSeeker)),
            ("wsw_indication", Bool(p.WswIndication)),
            ("wsw_supported_work_possible", Bool(p.WswSupportedWorkPossible)),
            ("wage_value_percent", Number(p.WageValuePercent)));

        var a = @case.Application;
        Section(b, "application",
            ("applicant", Code(a.Applicant)),
            ("date", a.Date is { } applied ? Date(applied) : null),
            ("new_facts_stated", Bool(a.NewFactsStated)));

        var m = @case.Municipality;
        Section(b, "municipality",
            ("code", m.Code),
            ("quota", m.Quota?.ToString(CultureInfo.InvariantCulture)),
            ("higher_number_by_ordinance", Bool(m.HigherNumberByOrdinance)),
            ("ordinance_number", m.OrdinanceNumber?.ToString(CultureInfo.InvariantCulture)));
        if (m.Employees is { } employees)
        {
            if (m.Code is null && m.Quota is null && m.HigherNumberByOrdinance is null && m.OrdinanceNumber is null) b.AppendLine("municipality:");
            if (employees.Count == 0) Line(b, 1, "employees", "[]");
            else
            {
                Line(b, 1, "employees", null);
                // Runs of identical contracts as one line with a count, as people write them (and a municipality
                // with hundreds of contracts costs one line per kind, not one per contract).
                for (var i = 0; i < employees.Count;)
                {
                    var e = employees[i];
                    var run = 1;
                    while (i + run < employees.Count && employees[i + run] == e) run++;
                    b.AppendLine($"    - {Inline(("count", run > 1 ? run.ToString(CultureInfo.InvariantCulture) : null),
                        ("hours_per_week", Number(e.HoursPerWeek)), ("employer_kind", Code(e.EmployerKind)))}");
                    i += run;
                }
            }
        }

        if (@case.Events.Count > 0)
        {
            b.AppendLine("events:");
            foreach (var e in @case.Events)
                b.AppendLine("  - " + Inline(
                    ("type", Code<EventType>(e.Type)),
                    ("date", Date(e.Date)),
                    ("result", Code(e.Result)),
                    ("hours_per_week", Number(e.HoursPerWeek)),
                    ("employer_kind", Code(e.EmployerKind)),
                    ("reason", Code(e.Reason)),
                    ("municipality", e.Municipality)));
        }

        return b.ToString();
    }

    private static void Section(StringBuilder b, string name, params (string Key, string? Value)[] entries)
    {
        var known = entries.Where(e => e.Value is not null).ToList();
        if (known.Count == 0) return;
        b.AppendLine(name + ":");
        foreach (var (key, value) in known) Line(b, 1, key, value);
    }

    private static void Line(StringBuilder b, int indent, string key, string? value) =>
        b.Append(' ', indent * 2).Append(key).Append(':').AppendLine(value is null ? "" : " " + value);

    private static string Inline(params (string Key, string? Value)[] entries) =>
        "{ " + string.Join(", ", entries.Where(e => e.Value is not null).Select(e => $"{e.Key}: {e.Value}")) + " }";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? Code<TEnum>(v) : null;

    private static string Code<TEnum>(TEnum value) where TEnum : struct, Enum => CodeNames.ToCode(value.ToString());

    /// <summary>A single-quoted YAML scalar: no escapes but a doubled quote, so any text reads back as written.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
