using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Cases;

/// <summary>
/// Reads case facts from YAML or JSON. A fact that is absent, null or written as <c>unknown</c> is unknown. Every error
/// names the field and its line and column; all errors of a file are reported together.
/// </summary>
public static class CaseReader
{
    public static CaseFile ReadFile(string path) => ReadText(File.ReadAllText(path), path);

    /// <summary>Reads a case file's text (YAML, or JSON, which is YAML too); <paramref name="name"/> names it in errors.</summary>
    public static CaseFile ReadText(string text, string name)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadMapping(text, name, diagnostics);
        var file = root is null ? null : ReadCaseFile(root, diagnostics);
        if (diagnostics.HasErrors || file is null) throw new InvalidInputException($"the case file '{name}' is not valid", diagnostics.Items);
        return file;
    }

    /// <summary>Reads a case file's mapping; errors go to <paramref name="diagnostics"/>.</summary>
    public static CaseFile ReadCaseFile(YamlMap root, DiagnosticBag diagnostics)
    {
        root.AllowOnly("case_id", "description", "as_of", "version", "person", "application", "municipality", "events", "expect");
        return new CaseFile(
            ReadCase(root, diagnostics),
            root.Date("as_of", required: false),
            root.String("version", required: false),
            root.String("description", required: false),
            root.Map("expect", required: false) is { } expect ? ReadExpected(expect) : null);
    }

    /// <summary>
    /// Reads the entries of a YAML rule-test file (rules/&lt;set&gt;/tests): each test's name, peildatum and case. The
    /// rest of an entry (source, version, expect) belongs to the rule test; a case corpus only needs the cases.
    /// </summary>
    public static IReadOnlyList<RuleTestEntry> ReadRuleTestEntries(YamlMap root, DiagnosticBag diagnostics)
    {
        root.AllowOnly("fixtures", "tests"); // fixtures only hold YAML anchors that tests refer to
        return root.MapList("tests", required: true).Select(entry =>
        {
            entry.AllowOnly("name", "source", "as_of", "version", "case", "expect");
            var name = entry.String("name", required: true);
            var asOf = entry.Date("as_of", required: true);
            var caseMap = entry.Map("case", required: true);
            caseMap?.AllowOnly("person", "application", "municipality", "events");
            return new RuleTestEntry(entry, name, asOf, caseMap is null ? null : ReadCase(caseMap, diagnostics));
        }).ToList();
    }

    /// <summary>Reads the case facts from a mapping that has person, application, municipality and events keys.</summary>
    public static Case ReadCase(YamlMap map, DiagnosticBag diagnostics) => ReadCase(new YamlFactMap(map));

    /// <summary>Reads the case facts from a map of any format (<see cref="IFactMap"/>); errors go where the map reports them.</summary>
    public static Case ReadCase(IFactMap map)
    {
        var person = map.Map("person");
        var application = map.Map("application");
        var municipality = map.Map("municipality");
        return new Case(
            map.String("case_id"),
            person is null ? new Person() : ReadSection<Person>(person, "person"),
            application is null ? new Application() : ReadSection<Application>(application, "application"),
            municipality is null ? new Municipality() : ReadMunicipality(municipality),
            ReadEvents(map));
    }

    public static ExpectedDecision ReadExpected(YamlMap map)
    {
        map.AllowOnly("outcomes", "criteria", "findings", "missing", "planned");
        var criteria = Pairs(map.Map("criteria", required: false));
        foreach (var (id, status) in criteria)
            if (status is not ("met" or "not_met" or "undetermined"))
                map.Error(map.Map("criteria", false)!.Find(id)!, $"expected status of criterion '{id}' must be met, not_met or undetermined, not '{status}'");
        return new ExpectedDecision(
            Pairs(map.Map("outcomes", required: false)),
            criteria,
            map.Has("findings") ? map.StringList("findings", required: false).Select(f => f.Value).ToList() : null,
            map.Has("missing") ? map.StringList("missing", required: false).Select(f => f.Value).ToList() : null,
            map.Bool("planned", required: false));
    }

    private static Dictionary<string, string> Pairs(YamlMap? map)
    {
        var result = new Dictionary<string, string>();
        if (map is null) return result;
        foreach (var (key, _, value) in map.Entries())
        {
            if (value is YamlScalarNode { Value: { } text }) result[key] = text;
            else map.Error(value, $"'{key}' must be a text value");
        }

        return result;
    }

    /// <summary>A section of the case: its facts as <see cref="FactModel"/> lists them.</summary>
    private static T ReadSection<T>(IFactMap m, string section)
    {
        m.AllowOnly(SectionKeys[section]);
        return FactRecord.Build<T>(ReadFacts(m, section, FactModel.SectionFields(section)));
    }

    private static Municipality ReadMunicipality(IFactMap m)
    {
        m.AllowOnly(MunicipalityKeys);
        var values = ReadFacts(m, "municipality", FactModel.SectionFields("municipality"));
        values[nameof(Municipality.Employees)] = ReadEmployees(m);
        return FactRecord.Build<Municipality>(values);
    }

    /// <summary>The employees, each entry <c>count</c> times; null (unknown) when the list is absent or unknown.</summary>
    private static Employee[]? ReadEmployees(IFactMap m)
    {
        var entry = m.Find(FactModel.EmployeesCollection);
        if (!entry.Exists || entry.IsUnknown) return null;
        var groups = new List<(Employee Employee, int Count)>();
        foreach (var (item, index) in m.MapList(FactModel.EmployeesCollection).Select((e, i) => (e, i)))
        {
            var field = $"municipality.employees[{index}]";
            item.AllowOnly(EmployeeKeys);
            var employee = FactRecord.Build<Employee>(ReadFacts(item, field, EmployeeFields));
            // `count` writes many identical contracts at once, so that a municipality with 70 need not list 70 lines.
            var count = (int?)Read(item, field, "count", EmployeeCount) ?? 1;
            groups.Add((employee, count));
        }

        var employees = CountedEmployees.Expand(groups, out var error);
        if (error is not null) m.ErrorAt(FactModel.EmployeesCollection, $"municipality.employees {error}", "municipality.employees");
        return employees;
    }

    private static readonly FactSyntax EmployeeCount = new NumberSyntax(1, FactLimits.MaxEmployees, Whole: true);

    private static readonly FactField[] EmployeeFields = [.. FactModel.EmployeeFields.Values];

    private static readonly FactField[] EventFields = [.. FactModel.EventFields.Values];

    private static readonly string[] EmployeeKeys = [.. AllowedKeys(EmployeeFields), "count"];

    private static readonly string[] EventKeys = ["type", .. AllowedKeys(EventFields)];

    // The keys each mapping may have, worked out once: every case of a corpus asks for them.
    private static readonly Dictionary<string, string[]> SectionKeys = FactModel.Sections.ToDictionary(s => s, s => AllowedKeys(FactModel.SectionFields(s)));

    private static readonly string[] MunicipalityKeys = [.. SectionKeys["municipality"], FactModel.EmployeesCollection];

    private static List<CaseEvent> ReadEvents(IFactMap map)
    {
        var events = new List<CaseEvent>();
        var list = map.MapList("events");
        if (FactLimits.EventCountError(list.Count) is { } tooMany)
        {
            map.ErrorAt("events", $"events {tooMany}", "events");
            return events;
        }

        foreach (var (e, index) in list.Select((e, i) => (e, i)))
        {
            var field = $"events[{index}]";
            e.AllowOnly(EventKeys);
            var type = (EventType?)Read(e, field, "type", FactModel.EventTypeSyntax);
            var values = ReadFacts(e, field, EventFields);
            if (type is null && !e.Find("type").Exists) e.Error($"{field}.type is required (one of {string.Join(", ", CodeNames.All<EventType>())})", $"{field}.type");
            if (values[nameof(CaseEvent.Date)] is null && !e.Find("date").Exists) e.Error($"{field}.date is required: every event is dated", $"{field}.date");
            if (type is null || values[nameof(CaseEvent.Date)] is null) continue;
            values[nameof(CaseEvent.Type)] = type;
            events.Add(FactRecord.Build<CaseEvent>(values));
        }

        return events;
    }

    /// <summary>The keys a mapping may have for these facts: each fact's key, and the retired keys it replaces (refused with
    /// what to write instead, not as unknown keys).</summary>
    private static string[] AllowedKeys(IEnumerable<FactField> facts) =>
        facts.SelectMany(f => f.Retired.Select(r => r.Key).OfType<string>().Prepend(f.Key)).ToArray();

    /// <summary>The facts of one mapping (a section, an event, an employee), by property name. A retired key or code is
    /// refused with what to write instead, and its fact left unknown, never read into another meaning.</summary>
    private static Dictionary<string, object?> ReadFacts(IFactMap m, string field, IEnumerable<FactField> facts)
    {
        var list = facts as IReadOnlyList<FactField> ?? facts.ToList();
        var values = new Dictionary<string, object?>(list.Count + 1, StringComparer.Ordinal); // + 1: what the caller adds
        foreach (var fact in list)
            foreach (var retired in fact.Retired)
                if (RetiredUse(m, fact, retired) is { } key)
                {
                    m.ErrorAt(key, retired.Refusal, $"{field}.{fact.Key}");
                    if (retired.Code is not null) values[fact.Property.Name] = null;
                }

        foreach (var fact in list)
            if (!values.ContainsKey(fact.Property.Name)) values[fact.Property.Name] = Read(m, field, fact.Key, fact.Syntax);
        return values;
    }

    /// <summary>The key under which a retired key or code is used, if it is.</summary>
    private static string? RetiredUse(IFactMap m, FactField fact, RetiredAlias retired) => retired.Key is { } key
        ? m.Find(key).Exists ? key : null
        : m.Find(fact.Key) is { Kind: FactEntryKind.Text, Text: var code } && code == retired.Code ? fact.Key : null;

    private static string? Text(IFactMap m, string section, string key)
    {
        var entry = m.Find(key);
        if (!entry.Exists || entry.IsUnknown) return null;
        if (entry.Kind == FactEntryKind.Text) return entry.Text;
        m.ErrorAt(key, $"{section}.{key} must be a text value", $"{section}.{key}");
        return null;
    }

    /// <summary>A fact's text checked the way every path checks it (<see cref="FactSyntax"/>), an error at its position.</summary>
    private static object? Read(IFactMap m, string field, string key, FactSyntax syntax)
    {
        var text = Text(m, field, key);
        if (text is null) return null;
        var value = syntax.Read(text, out var error);
        if (error is not null) m.ErrorAt(key, $"{field}.{key}{error}", $"{field}.{key}");
        return value;
    }
}
