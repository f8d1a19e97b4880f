using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Text;
using EligibilityEngine.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Host.Web.Forms;

/// <summary>
/// The case form as the expert filled it: every value kept as typed, so that nothing is lost when a field is wrong.
/// It is turned into a case by building the case's tree of nodes in memory, each value under its key as a case file has
/// it, and reading that with the one <see cref="CaseReader"/>: the page checks exactly what every other way in checks,
/// and each error lands on the field whose path the reader names (<see cref="Diagnostic.Field"/>).
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

    public static string EmployeeName(int index, string key) => CaseFacts.EmployeePath(index, key);

    public static string EventName(int index, string key) => CaseFacts.EventPath(index, key);

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
        foreach (var (path, text) in CaseFacts.Known(file.Case))
            form.Values[path] = Field(path).Kind == FieldKind.Number ? DutchNumber(text) : text;
        foreach (var (section, _, fields) in CaseFormField.Sections)
            foreach (var name in fields.Where(f => f.Kind != FieldKind.Choice).Select(f => FactName(section, f.Key)))
                if (!form.Values.ContainsKey(name)) form.Unknown.Add(name);
        form.EmployeesUnknown = file.Case.Municipality.Employees is null;
        form.EmployeeCount = file.Case.Municipality.Employees is { } employees ? CountedEmployees.Runs(employees).Count : 0;
        form.EventCount = file.Case.Events.Count;
        return form;
    }

    /// <summary>A number as a Dutch reader writes it, with a decimal comma (the reader takes both).</summary>
    private static string DutchNumber(string text) => text.Replace('.', ',');

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

    /// <summary>Replaces a municipality written by its name with its code, where <paramref name="codeOf"/> knows the name.</summary>
    public void NameCodes(Func<string, string?> codeOf)
    {
        foreach (var (name, field) in Fields().ToList())
            if (field.Kind == FieldKind.MunicipalityCode && !FactText.IsMunicipalityCode(Value(name)) && codeOf(Value(name)) is { } code)
                Values[name] = code;
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

        var diagnostics = new DiagnosticBag();
        var @case = CaseReader.ReadCase(new YamlMap(Tree(), new YamlContext("formulier", "", diagnostics), null), diagnostics);
        var fields = FieldNames().ToHashSet();
        foreach (var diagnostic in diagnostics.Items)
        {
            if (diagnostic.Field is { } name && fields.Contains(name)) Errors.TryAdd(name, Message(name));
            else OtherErrors.Add(diagnostic.Message);
        }

        return Errors.Count == 0 && OtherErrors.Count == 0 ? @case : null;
    }

    /// <summary>The form as the nodes of a case file: a section only with something in it (an empty <c>person:</c> would
    /// be a fact of its own, null), each known value under its key.</summary>
    private YamlMappingNode Tree()
    {
        var root = new YamlMappingNode();
        foreach (var (section, _, fields) in CaseFormField.Sections)
        {
            var known = fields.Where(f => !IsUnknown(FactName(section, f.Key)) && (Value(FactName(section, f.Key)).Length > 0 || f.Kind != FieldKind.Choice))
                .Select(f => (f.Key, f.Read(Value(FactName(section, f.Key)))));
            var map = Mapping(known);
            if (section == "municipality" && !EmployeesUnknown)
                map.Add(FactModel.EmployeesCollection, Rows(EmployeeCount, CaseFormField.EmployeeFields, EmployeeName));
            if (map.Children.Count > 0) root.Add(section, map);
        }

        if (EventCount > 0) root.Add("events", Rows(EventCount, CaseFormField.EventFields, EventName));
        return root;
    }

    /// <summary>The lines of a list. The date and kind of an event are required: left empty they are given empty, so that
    /// the reader's error names them; other empty details of a line are unknown.</summary>
    private YamlSequenceNode Rows(int count, IReadOnlyList<CaseFormField> fields, Func<int, string, string> name) =>
        new(Enumerable.Range(0, count).Select(i => (YamlNode)Mapping(fields.Select(f => (f.Key, f.Read(Value(name(i, f.Key)))))
            .Where(f => f.Item2.Length > 0 || f.Key is "type" or "date"))));

    /// <summary>Each value quoted, as typed: a form's text is never YAML's null (<c>~</c>), only the reader's own
    /// <c>unknown</c> is.</summary>
    private static YamlMappingNode Mapping(IEnumerable<(string Key, string Value)> entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries) map.Add(new YamlScalarNode(key), new YamlScalarNode(value) { Style = ScalarStyle.SingleQuoted });
        return map;
    }

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

    private static CaseFormField Field(string name) => FieldOrNull(name) ?? throw new ArgumentException($"the form has no field '{name}'", nameof(name));

    private static CaseFormField? FieldOrNull(string name)
    {
        var key = name[(name.LastIndexOf('.') + 1)..];
        var (fields, prefix) = name.StartsWith("events[", StringComparison.Ordinal) ? (CaseFormField.EventFields, "events[")
            : name.StartsWith("municipality.employees[", StringComparison.Ordinal) ? (CaseFormField.EmployeeFields, "municipality.employees[")
            : (CaseFormField.Sections.SelectMany(s => s.Fields.Select(f => f with { Key = $"{s.Section}.{f.Key}" })).ToList(), "");
        return fields.FirstOrDefault(f => f.Key == (prefix.Length > 0 ? key : name));
    }

    /// <summary>What to write, in Dutch, for an error in a case file about <paramref name="field"/> (the reader's
    /// <see cref="Diagnostic.Field"/>): the form's label and what a file takes there.</summary>
    public static string FileMessage(string? field) =>
        field is not null && FieldOrNull(field) is { } f ? $"{Label(field)}: {f.FileHint}" : "Dit deel van het bestand is niet te lezen als casus.";

    /// <summary>The known facts of a case with the form's Dutch labels, each value as a person reads it, for the print.</summary>
    public static IReadOnlyList<(string Label, string Text)> Printed(Case @case)
    {
        var facts = CaseFacts.Known(@case).Select(f => (Label(f.Path), Shown(f.Path, f.Text))).ToList();
        if (@case.Municipality.Employees is [])
            facts.Add(("Mensen al in beschut werk bij deze gemeente", "niemand"));
        return facts;
    }

    /// <summary>A fact's text (as the case format writes it) as a person reads it: a choice by its Dutch label, a date
    /// as 1 april 2019, a number with a decimal comma.</summary>
    private static string Shown(string name, string text)
    {
        var field = Field(name);
        return field.Kind switch
        {
            FieldKind.Choice => field.Options.FirstOrDefault(o => o.Code == text).Label ?? text,
            FieldKind.Date => DutchFormat.Date(DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            FieldKind.Number => DutchNumber(text),
            _ => text,
        };
    }

    private static readonly ILookup<string, string> KindsOfDetail = FactModel.EventTypeFields
        .SelectMany(t => t.Value.Select(key => (Key: key, Code: FactModel.EventTypeSyntax.Write(t.Key)))).ToLookup(d => d.Key, d => d.Code);

    /// <summary>For a detail of an event (not its type or date): the codes of the kinds of event it belongs to.</summary>
    public static IReadOnlyList<string>? EventKinds(string name)
    {
        var key = name[(name.LastIndexOf('.') + 1)..];
        return name.StartsWith("events[", StringComparison.Ordinal) && key is not ("type" or "date") ? KindsOfDetail[key].ToList() : null;
    }

    /// <summary>Whether the form leaves a detail of an event out of sight: it is empty and does not belong to the kind of
    /// event chosen. With no kind chosen yet every detail shows, so that a new line needs no second round trip without
    /// script (the script hides them until the kind is chosen). A detail with a value always shows.</summary>
    public bool Hides(string name) =>
        EventKinds(name) is { } kinds && Value(name).Length == 0 && Value(name[..(name.LastIndexOf('.') + 1)] + "type") is { Length: > 0 } kind && !kinds.Contains(kind);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
