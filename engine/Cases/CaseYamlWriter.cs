using System.Globalization;
using System.Text;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Cases;

/// <summary>
/// Writes case facts as a case file that <see cref="CaseReader"/> reads back to the same facts: unknown facts are left
/// out, codes are the snake_case codes of the case format, dates YYYY-MM-DD, numbers with a decimal point and no
/// trailing zeros (<see cref="NumberSyntax.Write"/>).
/// </summary>
public static class CaseYamlWriter
{
    /// <param name="numbersAsSent">Numbers at the scale they were read in (<c>1.000</c>), as the writer wrote them before
    /// issue #22; only to check records made then (<see cref="NumberSyntax.Write"/>).</param>
    public static string Write(Case @case, DateOnly? asOf = null, string? version = null, bool numbersAsSent = false)
    {
        var b = new StringBuilder();
        if (@case.CaseId is { } id) Line(b, 0, "case_id", Quote(id));
        if (asOf is { } date) Line(b, 0, "as_of", FactSyntax.Date.Write(date));
        if (version is not null) Line(b, 0, "version", Quote(version));

        Section(b, "person", @case.Person, numbersAsSent);
        Section(b, "application", @case.Application, numbersAsSent);
        var m = @case.Municipality;
        var municipality = Section(b, "municipality", m, numbersAsSent);
        if (m.Employees is { } employees)
        {
            if (!municipality) b.AppendLine("municipality:");
            if (employees.Count == 0) Line(b, 1, FactModel.EmployeesCollection, "[]");
            else
            {
                Line(b, 1, FactModel.EmployeesCollection, null);
                foreach (var (e, run) in CountedEmployees.Runs(employees))
                    b.AppendLine($"    - {Inline([("count", run > 1 ? run.ToString(CultureInfo.InvariantCulture) : null), .. Facts(e, FactModel.EmployeeFields.Values, numbersAsSent)])}");
            }
        }

        if (@case.Events.Count > 0)
        {
            b.AppendLine("events:");
            foreach (var e in @case.Events)
                b.AppendLine("  - " + Inline([("type", FactModel.EventTypeSyntax.Write(e.Type)), .. Facts(e, FactModel.EventFields.Values, numbersAsSent)]));
        }

        return b.ToString();
    }

    /// <summary>A section's known facts in the order of <see cref="FactModel"/>; whether it had any.</summary>
    private static bool Section(StringBuilder b, string name, object record, bool numbersAsSent)
    {
        var known = Facts(record, FactModel.SectionFields(name), numbersAsSent).Where(e => e.Value is not null).ToList();
        if (known.Count == 0) return false;
        b.AppendLine(name + ":");
        foreach (var (key, value) in known) Line(b, 1, key, value);
        return true;
    }

    /// <summary>Each fact's key and its value as the case format writes it; null when unknown.</summary>
    private static IEnumerable<(string Key, string? Value)> Facts(object record, IEnumerable<FactField> facts, bool numbersAsSent) =>
        numbersAsSent ? facts.Select(f => (f.Key, f.ValueIn(record) is { } value ? AsSent(f, value) : null)) : CaseFacts.Texts(record, facts);

    private static string AsSent(FactField fact, object value) =>
        fact.Syntax is NumberSyntax ? Convert.ToString(value, CultureInfo.InvariantCulture)! : fact.Syntax.Write(value);

    private static void Line(StringBuilder b, int indent, string key, string? value) =>
        b.Append(' ', indent * 2).Append(key).Append(':').AppendLine(value is null ? "" : " " + value);

    private static string Inline(IEnumerable<(string Key, string? Value)> entries) =>
        "{ " + string.Join(", ", entries.Where(e => e.Value is not null).Select(e => $"{e.Key}: {e.Value}")) + " }";

    /// <summary>A single-quoted YAML scalar: no escapes but a doubled quote, so any text reads back as written.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
