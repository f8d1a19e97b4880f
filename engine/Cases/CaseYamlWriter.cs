using System.Globalization;
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
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, @case, asOf, version, numbersAsSent);
        return text.ToString();
    }

    /// <summary>The same text, written to <paramref name="output"/> (the audit log hashes it as it is written).</summary>
    public static void Write(TextWriter output, Case @case, DateOnly? asOf = null, string? version = null, bool numbersAsSent = false)
    {
        if (@case.CaseId is { } id) Line(output, 0, "case_id", Quote(id));
        if (asOf is { } date) Line(output, 0, "as_of", FactSyntax.Date.Write(date));
        if (version is not null) Line(output, 0, "version", Quote(version));

        Section(output, "person", @case.Person, numbersAsSent);
        Section(output, "application", @case.Application, numbersAsSent);
        var m = @case.Municipality;
        var municipality = Section(output, "municipality", m, numbersAsSent);
        if (m.Employees is { } employees)
        {
            if (!municipality) output.WriteLine("municipality:");
            if (employees.Count == 0) Line(output, 1, FactModel.EmployeesCollection, "[]");
            else
            {
                Line(output, 1, FactModel.EmployeesCollection, null);
                foreach (var (e, run) in CountedEmployees.Runs(employees))
                    Item(output, "    - ", "count", run > 1 ? run.ToString(CultureInfo.InvariantCulture) : null, e, FactModel.EmployeeFields.Values, numbersAsSent);
            }
        }

        if (@case.Events.Count > 0)
        {
            output.WriteLine("events:");
            foreach (var e in @case.Events)
                Item(output, "  - ", "type", FactModel.EventTypeSyntax.Write(e.Type), e, FactModel.EventFields.Values, numbersAsSent);
        }
    }

    /// <summary>A section's known facts in the order of <see cref="FactModel"/>; whether it had any.</summary>
    private static bool Section(TextWriter output, string name, object record, bool numbersAsSent)
    {
        var any = false;
        foreach (var fact in FactModel.SectionFields(name))
        {
            if (Text(fact, record, numbersAsSent) is not { } text) continue;
            if (!any) output.WriteLine(name + ":");
            any = true;
            Line(output, 1, fact.Key, text);
        }

        return any;
    }

    /// <summary>A list item on one line, <c>{ key: value, … }</c>: the first pair (if its value is known), then the known facts.</summary>
    private static void Item(TextWriter output, string prefix, string firstKey, string? firstValue, object record, IEnumerable<FactField> facts, bool numbersAsSent)
    {
        output.Write(prefix);
        output.Write("{ ");
        var pairs = 0;
        if (firstValue is not null) Pair(firstKey, firstValue);
        foreach (var fact in facts)
            if (Text(fact, record, numbersAsSent) is { } text) Pair(fact.Key, text);
        output.WriteLine(" }");

        void Pair(string key, string value)
        {
            if (pairs++ > 0) output.Write(", ");
            output.Write(key);
            output.Write(": ");
            output.Write(value);
        }
    }

    /// <summary>A fact's value as the case format writes it; null when unknown.</summary>
    private static string? Text(FactField fact, object record, bool numbersAsSent) =>
        numbersAsSent ? fact.ValueIn(record) is { } value ? AsSent(fact, value) : null : CaseFacts.Text(fact, record);

    private static string AsSent(FactField fact, object value) =>
        fact.Syntax is NumberSyntax ? Convert.ToString(value, CultureInfo.InvariantCulture)! : fact.Syntax.Write(value);

    private static void Line(TextWriter output, int indent, string key, string? value)
    {
        for (var i = 0; i < indent; i++) output.Write("  ");
        output.Write(key);
        output.Write(':');
        if (value is not null)
        {
            output.Write(' ');
            output.Write(value);
        }

        output.WriteLine();
    }

    /// <summary>A single-quoted YAML scalar: no escapes but a doubled quote, so any text reads back as written.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
