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
        CaseFile? file = null;
        if (root is not null)
        {
            root.AllowOnly("case_id", "description", "as_of", "version", "person", "application", "municipality", "events", "expected");
            file = new CaseFile(
                ReadCase(root, diagnostics),
                root.Date("as_of", required: false),
                root.String("version", required: false),
                root.String("description", required: false),
                root.Map("expected", required: false) is { } expected ? ReadExpected(expected) : null);
        }

        if (diagnostics.HasErrors || file is null) throw new InvalidInputException($"the case file '{name}' is not valid", diagnostics.Items);
        return file;
    }

    /// <summary>Reads the case facts from a mapping that has person, application, municipality and events keys.</summary>
    public static Case ReadCase(YamlMap map, DiagnosticBag diagnostics)
    {
        var person = map.Map("person", required: false);
        var application = map.Map("application", required: false);
        var municipality = map.Map("municipality", required: false);
        return new Case(
            map.String("case_id", required: false),
            person is null ? new Person() : ReadPerson(person),
            application is null ? new Application() : ReadApplication(application),
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

    private const string RetiredRegularEmployer = "can_work_at_regular_employer";
    private const string RetiredWswBenefit = "wsw_indicatie";

    private static Person ReadPerson(YamlMap m)
    {
        m.AllowOnly("date_of_birth", "has_work_capacity", "supervision_need", "adaptation_need", "supervision_beyond_employer",
            "adaptations_beyond_employer", RetiredRegularEmployer, "benefit", "registered_as_job_seeker", "wsw_indication", "wsw_supported_work_possible", "wage_value_percent");
        // Facts of an earlier case format, refused with what to write instead rather than read into another meaning.
        if (m.Find(RetiredRegularEmployer) is { } retired)
            m.Error(retired, $"person.{RetiredRegularEmployer} is no longer a fact: BabW art. 3 lid 1 asks per ground whether an " +
                             "employer cannot provide it within reasonable limits. Write supervision_beyond_employer (begeleiding, " +
                             "lid 1 onder b) and adaptations_beyond_employer (aanpassingen, lid 1 onder a) instead");
        var retiredBenefit = m.Find("benefit") is YamlScalarNode { Value: RetiredWswBenefit } wsw ? wsw : null;
        if (retiredBenefit is not null)
            m.Error(retiredBenefit, $"person.benefit: '{RetiredWswBenefit}' is not a benefit. Write wsw_indication: true, and as benefit what " +
                                    "the person receives (e.g. participatiewet, wajong or none)");
        return new Person(
            Date(m, "person", "date_of_birth"),
            Bool(m, "person", "has_work_capacity"),
            Code<SupervisionLevel>(m, "person", "supervision_need"),
            Code<AdaptationLevel>(m, "person", "adaptation_need"),
            Bool(m, "person", "supervision_beyond_employer"),
            Bool(m, "person", "adaptations_beyond_employer"),
            retiredBenefit is not null ? null : Code<BenefitType>(m, "person", "benefit"),
            Bool(m, "person", "registered_as_job_seeker"),
            Bool(m, "person", "wsw_indication"),
            Bool(m, "person", "wsw_supported_work_possible"),
            Number(m, "person", "wage_value_percent", min: 0, max: FactLimits.MaxWageValuePercent));
    }

    private static Application ReadApplication(YamlMap m)
    {
        m.AllowOnly("applicant", "date", "new_facts_stated");
        return new Application(Code<Applicant>(m, "application", "applicant"), Date(m, "application", "date"), Bool(m, "application", "new_facts_stated"));
    }

    private static Municipality ReadMunicipality(YamlMap m)
    {
        m.AllowOnly("code", "quota", "employees", "higher_number_by_ordinance", "ordinance_number");
        var code = Text(m, "municipality", "code");
        if (code is not null && !IsMunicipalityCode(code))
        {
            m.Error(m.Find("code")!, $"municipality.code: {FactText.Echo(code)} is not a CBS municipality code such as GM0014");
            code = null;
        }

        var quota = WholeNumber(m, "municipality", "quota", min: 0, max: FactLimits.MaxCount);
        Employee[]? employees = null;
        var node = m.Find("employees");
        if (node is not null && !IsUnknown(node))
        {
            var groups = new List<(Employee Employee, int Count)>();
            foreach (var (entry, index) in m.MapList("employees", required: false).Select((e, i) => (e, i)))
            {
                var field = $"municipality.employees[{index}]";
                entry.AllowOnly("hours_per_week", "employer_kind", "count");
                var employee = new Employee(Number(entry, field, "hours_per_week", min: 0, max: FactLimits.MaxHoursPerWeek), Code<EmployerKind>(entry, field, "employer_kind"));
                // `count` writes many identical contracts at once, so that a municipality with 70 need not list 70 lines.
                var count = WholeNumber(entry, field, "count", min: 1, max: FactLimits.MaxEmployees) ?? 1;
                groups.Add((employee, count));
            }

            employees = CountedEmployees.Expand(groups, out var error);
            if (error is not null) m.Error(node, $"municipality.employees {error}");
        }

        var ordinanceNumber = WholeNumber(m, "municipality", "ordinance_number", min: 0, max: FactLimits.MaxCount);
        return new Municipality(code, quota, employees, Bool(m, "municipality", "higher_number_by_ordinance"), ordinanceNumber);
    }

    public static bool IsMunicipalityCode(string code) => code.Length == 6 && code.StartsWith("GM", StringComparison.Ordinal) && code[2..].All(char.IsAsciiDigit);

    private static List<CaseEvent> ReadEvents(YamlMap map)
    {
        var events = new List<CaseEvent>();
        var list = map.MapList("events", required: false);
        if (FactLimits.EventCountError(list.Count) is { } tooMany)
        {
            map.Error(map.Find("events")!, $"events {tooMany}");
            return events;
        }

        foreach (var (e, index) in list.Select((e, i) => (e, i)))
        {
            var field = $"events[{index}]";
            e.AllowOnly("type", "date", "result", "hours_per_week", "employer_kind", "reason", "municipality");
            var type = Code<EventType>(e, field, "type");
            var date = Date(e, field, "date");
            if (type is null && !e.Has("type")) e.Error($"{field}.type is required (one of {string.Join(", ", CodeNames.All<EventType>())})");
            if (date is null && !e.Has("date")) e.Error($"{field}.date is required: every event is dated");
            var municipality = Text(e, field, "municipality");
            if (municipality is not null && !IsMunicipalityCode(municipality))
                e.Error(e.Find("municipality")!, $"{field}.municipality: {FactText.Echo(municipality)} is not a CBS municipality code such as GM0014");
            if (type is null || date is null) continue;
            events.Add(new CaseEvent(type.Value, date.Value,
                Code<AdviceResult>(e, field, "result"),
                Number(e, field, "hours_per_week", min: 0, max: FactLimits.MaxHoursPerWeek),
                Code<EmployerKind>(e, field, "employer_kind"),
                Code<LeaveReason>(e, field, "reason"),
                municipality));
        }

        return events;
    }

    private static bool IsUnknown(YamlNode node) => YamlMap.IsNull(node) || node is YamlScalarNode { Value: "unknown" };

    private static string? Text(YamlMap m, string section, string key)
    {
        var node = m.Find(key);
        if (node is null || IsUnknown(node)) return null;
        if (node is YamlScalarNode { Value: { } value }) return value;
        m.Error(node, $"{section}.{key} must be a text value");
        return null;
    }

    private static bool? Bool(YamlMap m, string section, string key)
    {
        var text = Text(m, section, key);
        if (text is null) return null;
        if (text is "true" or "false") return text == "true";
        m.Error(m.Find(key)!, $"{section}.{key} must be true, false or unknown, not {FactText.Echo(text)}");
        return null;
    }

    private static DateOnly? Date(YamlMap m, string section, string key) => Checked(m, section, key, FactText.Date);

    private static decimal? Number(YamlMap m, string section, string key, decimal min, decimal max) =>
        Checked(m, section, key, (string text, out string? error) => FactText.Number(text, min, max, out error));

    private static int? WholeNumber(YamlMap m, string section, string key, int min, int max) =>
        Checked(m, section, key, (string text, out string? error) => FactText.WholeNumber(text, min, max, out error));

    private delegate T? TextCheck<T>(string text, out string? error) where T : struct;

    /// <summary>A fact's text checked the way every path checks it (<see cref="FactText"/>), an error at its position.</summary>
    private static T? Checked<T>(YamlMap m, string section, string key, TextCheck<T> check) where T : struct
    {
        var text = Text(m, section, key);
        if (text is null) return null;
        var value = check(text, out var error);
        if (error is not null) m.Error(m.Find(key)!, $"{section}.{key} {error}");
        return value;
    }

    private static TEnum? Code<TEnum>(YamlMap m, string section, string key) where TEnum : struct, Enum
    {
        var text = Text(m, section, key);
        if (text is null) return null;
        if (CodeNames.TryParse<TEnum>(text, out var value)) return value;
        var codes = CodeNames.All<TEnum>();
        var hint = Spelling.Closest(text, codes) is { } s ? $"; did you mean '{s}'?" : "";
        m.Error(m.Find(key)!, $"{section}.{key}: {FactText.Echo(text)} is not one of ({string.Join(", ", codes)}){hint}");
        return null;
    }
}
