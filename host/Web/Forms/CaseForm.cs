using System.Text;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Host.Web.Forms;

/// <summary>
/// The case form as the expert filled it: every value kept as typed, so that nothing is lost when a field is wrong.
/// It is turned into a case by writing it as a case file and reading that with <see cref="CaseReader"/>: the page checks
/// exactly what every other way in checks, and each error lands on the field whose line it names.
/// </summary>
public sealed class CaseForm
{
    /// <summary>Field name → value as typed; an empty choice is onbekend.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Typed fields whose "onbekend" box is ticked.</summary>
    public HashSet<string> Unknown { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the people already employed in beschut werk are unknown (no list), as opposed to a list, maybe empty.</summary>
    public bool EmployeesUnknown { get; set; } = true;

    public int EmployeeCount { get; set; }

    public int EventCount { get; set; }

    /// <summary>Peildatum, as typed.</summary>
    public string AsOf { get; set; } = "";

    /// <summary>The version asked for by name; empty is the version in force on the peildatum.</summary>
    public string Version { get; set; } = "";

    /// <summary>The second peildatum and version of a comparison; both empty is no comparison.</summary>
    public string CompareAsOf { get; set; } = "";

    public string CompareVersion { get; set; } = "";

    /// <summary>Field name → what to write instead, in Dutch.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors that belong to no single field.</summary>
    public List<string> OtherErrors { get; } = [];

    public const string AsOfField = "as_of";
    public const string CompareAsOfField = "compare_as_of";
    public const string EmployeesUnknownField = "municipality.employees.onbekend";

    public static string FactName(string section, string key) => $"{section}.{key}";

    public static string EmployeeName(int index, string key) => $"municipality.employees[{index}].{key}";

    public static string EventName(int index, string key) => $"events[{index}].{key}";

    /// <summary>The id of a field's input, also the anchor a missing fact links to ("vul aan").</summary>
    public static string Id(string name) => "veld-" + name.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);

    public string Value(string name) => Values.GetValueOrDefault(name, "");

    public bool IsUnknown(string name) => Unknown.Contains(name);

    /// <summary>A form with every fact unknown, on the given peildatum.</summary>
    public static CaseForm Empty(DateOnly asOf) => From(new CaseFile(Case.Empty, asOf, null, null, null), asOf);

    /// <summary>The form filled from a case file: what the file says, every other fact onbekend.</summary>
    public static CaseForm From(CaseFile file, DateOnly defaultAsOf)
    {
        var form = new CaseForm { AsOf = Date(file.AsOf ?? defaultAsOf), Version = file.Version ?? "" };
        // The case writer spells every fact as the case format does; read back as a tree, each scalar is a field's text.
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadMapping(CaseYamlWriter.Write(file.Case with { CaseId = null }), "casus", diagnostics);
        foreach (var (section, _, fields) in CaseFormField.Sections)
        {
            var map = root?.Map(section, required: false);
            foreach (var field in fields)
            {
                var name = FactName(section, field.Key);
                if (map?.Find(field.Key) is YamlScalarNode { Value: { } text }) form.Values[name] = text;
                else if (field.Kind != FieldKind.Choice) form.Unknown.Add(name);
            }
        }

        if (file.Case.Municipality.Employees is not null)
        {
            form.EmployeesUnknown = false;
            var rows = root?.Map("municipality", required: false)?.MapList("employees", required: false) ?? [];
            form.EmployeeCount = form.Fill(rows, CaseFormField.EmployeeFields, EmployeeName);
        }

        form.EventCount = form.Fill(root?.MapList("events", required: false) ?? [], CaseFormField.EventFields, EventName);
        return form;
    }

    private int Fill(IReadOnlyList<YamlMap> rows, IReadOnlyList<CaseFormField> fields, Func<int, string, string> name)
    {
        for (var i = 0; i < rows.Count; i++)
            foreach (var field in fields)
                Values[name(i, field.Key)] = rows[i].Find(field.Key) is YamlScalarNode { Value: { } text } ? text : field.Key == "count" ? "1" : "";
        return rows.Count;
    }

    /// <summary>Lines of a list (events, employees) the form holds at most: the history's own limit.</summary>
    public const int MaxRows = FactLimits.MaxEvents;

    /// <summary>The values a post of the form holds at the most: every field with its "onbekend" box, both lists at
    /// <see cref="MaxRows"/>, and the form's own few (dates, versions, counts, button, test name and source, the
    /// anti-forgery token). The host reads a posted form up to this (ASP.NET's default of 1,024 values is a case of
    /// about 60 events: issue #22).</summary>
    public static int MaxPostedValues { get; } =
        2 * (CaseFormField.Sections.Sum(s => s.Fields.Count) + MaxRows * (CaseFormField.EventFields.Count + CaseFormField.EmployeeFields.Count)) + 16;

    /// <summary>The form as posted. Each list is bounded at <see cref="MaxRows"/> lines, so that a forged post cannot
    /// make the page build millions of fields.</summary>
    public static CaseForm From(IFormCollection posted)
    {
        var form = new CaseForm
        {
            AsOf = DutchDate.ToIso(posted[AsOfField].ToString().Trim()), Version = posted["version"].ToString(),
            CompareAsOf = DutchDate.ToIso(posted[CompareAsOfField].ToString().Trim()), CompareVersion = posted["compare_version"].ToString(),
            EmployeesUnknown = posted.ContainsKey(EmployeesUnknownField),
            EmployeeCount = Count(posted["employee_count"], MaxRows),
            EventCount = Count(posted["event_count"], MaxRows),
        };
        foreach (var (name, field) in form.Fields())
        {
            var typed = posted[name].ToString().Trim();
            form.Values[name] = field.Kind == FieldKind.Date ? DutchDate.ToIso(typed) : typed;
            if (posted.ContainsKey(name + ".onbekend")) form.Unknown.Add(name);
        }

        return form;
    }

    private static int Count(string? text, int max) => int.TryParse(text, out var n) ? Math.Clamp(n, 0, max) : 0;

    /// <summary>Every field name of the form as it now stands.</summary>
    public IEnumerable<string> FieldNames() => Fields().Select(f => f.Name);

    /// <summary>Every field of the form as it now stands, by name.</summary>
    private IEnumerable<(string Name, CaseFormField Field)> Fields()
    {
        foreach (var (section, _, fields) in CaseFormField.Sections)
            foreach (var field in fields) yield return (FactName(section, field.Key), field);
        for (var i = 0; i < EmployeeCount; i++)
            foreach (var field in CaseFormField.EmployeeFields) yield return (EmployeeName(i, field.Key), field);
        for (var i = 0; i < EventCount; i++)
            foreach (var field in CaseFormField.EventFields) yield return (EventName(i, field.Key), field);
    }

    public void AddEmployee()
    {
        EmployeesUnknown = false;
        Values[EmployeeName(EmployeeCount, "count")] = "1";
        EmployeeCount++;
    }

    public void AddEvent() => EventCount++;

    public void RemoveEmployee(int index) => EmployeeCount = RemoveRow(index, EmployeeCount, CaseFormField.EmployeeFields, EmployeeName);

    public void RemoveEvent(int index) => EventCount = RemoveRow(index, EventCount, CaseFormField.EventFields, EventName);

    private int RemoveRow(int index, int count, IReadOnlyList<CaseFormField> fields, Func<int, string, string> name)
    {
        if (index < 0 || index >= count) return count;
        for (var i = index; i < count - 1; i++)
            foreach (var field in fields) Values[name(i, field.Key)] = Value(name(i + 1, field.Key));
        foreach (var field in fields) Values.Remove(name(count - 1, field.Key));
        return count - 1;
    }

    /// <summary>
    /// The case the form describes, or null with <see cref="Errors"/> filled: every bad field at once, each with what to
    /// write, in Dutch.
    /// </summary>
    public Case? Read()
    {
        foreach (var name in Unknown.Where(n => Value(n).Length > 0))
            Errors[name] = "U vulde een waarde in én koos ‘onbekend’. Haal het vinkje weg, of maak het veld leeg.";

        var (yaml, fieldOfLine) = ToCaseFile();
        Case? @case = null;
        try
        {
            @case = CaseReader.ReadText(yaml, "formulier").Case;
        }
        catch (InvalidInputException invalid)
        {
            foreach (var diagnostic in invalid.Diagnostics)
            {
                if (fieldOfLine.TryGetValue(diagnostic.Position.Line, out var name)) Errors.TryAdd(name, Message(name));
                else OtherErrors.Add(diagnostic.Message);
            }
        }

        return Errors.Count == 0 && OtherErrors.Count == 0 ? @case : null;
    }

    /// <summary>The form as a case file, one field per line, and which field each line holds.</summary>
    public (string Yaml, Dictionary<int, string> FieldOfLine) ToCaseFile()
    {
        var b = new StringBuilder();
        var fieldOfLine = new Dictionary<int, string>();
        var line = 1;
        void Write(string text, string? field = null)
        {
            if (field is not null) fieldOfLine[line] = field;
            b.Append(text).Append('\n');
            line++;
        }

        foreach (var (section, _, fields) in CaseFormField.Sections)
        {
            // A section is written only with something in it: an empty "person:" would be a fact of its own (null).
            var known = fields.Select(f => (Field: f, Name: FactName(section, f.Key)))
                .Where(f => !IsUnknown(f.Name) && (Value(f.Name).Length > 0 || f.Field.Kind != FieldKind.Choice)).ToList();
            var employees = section == "municipality" && !EmployeesUnknown;
            if (known.Count == 0 && !employees) continue;
            Write(section + ":");
            foreach (var (field, name) in known) Write($"  {field.Key}: {Quote(Value(name))}", name);
            if (!employees) continue;
            Write(EmployeeCount == 0 ? "  employees: []" : "  employees:");
            for (var i = 0; i < EmployeeCount; i++) Row(i, "    - ", "      ", CaseFormField.EmployeeFields, EmployeeName);
        }

        if (EventCount > 0) Write("events:");
        for (var i = 0; i < EventCount; i++) Row(i, "  - ", "    ", CaseFormField.EventFields, EventName);
        // A form with every fact unknown is a case with nothing known, not an empty file (which is no case at all).
        return (b.Length == 0 ? "{}\n" : b.ToString(), fieldOfLine);

        void Row(int index, string first, string indent, IReadOnlyList<CaseFormField> fields, Func<int, string, string> name)
        {
            var lead = first;
            foreach (var field in fields)
            {
                var value = Value(name(index, field.Key));
                // The date and kind of an event are required: left empty they are written empty, so the reader's error
                // lands on their line; other empty details of a row are unknown.
                if (value.Length == 0 && field.Key is not ("type" or "date")) continue;
                Write($"{lead}{field.Key}: {Quote(value)}", name(index, field.Key));
                lead = indent;
            }

            if (lead == first) Write(first + "{}");
        }
    }

    private static string Quote(string text) => CaseYamlWriter.Quote(text.ReplaceLineEndings(" "));

    /// <summary>What to write in a field, in Dutch, from the kind of field it is.</summary>
    private static string Message(string name) => Field(name) is { Key: "type" } ? "Kies wat er gebeurde." : Field(name).Hint;

    /// <summary>How the error summary names a field: its label, with the row it is in.</summary>
    public static string Label(string name)
    {
        if (name == AsOfField) return "Peildatum";
        if (name == CompareAsOfField) return "Tweede peildatum";
        var label = Field(name).Label;
        var row = name.IndexOf('[') is var open and >= 0 ? int.Parse(name[(open + 1)..name.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture) + 1 : 0;
        return row == 0 ? char.ToUpperInvariant(label[0]) + label[1..]
            : name.StartsWith("events[", StringComparison.Ordinal) ? $"Gebeurtenis {row}, {label}" : $"Dienstbetrekkingen regel {row}, {label}";
    }

    private static CaseFormField Field(string name)
    {
        var key = name[(name.LastIndexOf('.') + 1)..];
        var fields = name.StartsWith("events[", StringComparison.Ordinal) ? CaseFormField.EventFields
            : name.StartsWith("municipality.employees[", StringComparison.Ordinal) ? CaseFormField.EmployeeFields
            : CaseFormField.Sections.SelectMany(s => s.Fields);
        return fields.First(f => f.Key == key);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
