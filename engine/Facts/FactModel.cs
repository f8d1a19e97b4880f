using System.Linq.Expressions;
using System.Reflection;

namespace EligibilityEngine.Facts;

/// <summary>
/// The declared fact model: the complete list of what a condition can read. Nothing else of .NET is reachable
/// from a rule file — the compiler resolves names only against these tables.
/// </summary>
public static class FactModel
{
    public static readonly CodeDomain Supervision = CodeDomain.FromEnum<SupervisionLevel>(
        "geen begeleiding", "lichte begeleiding", "regelmatige begeleiding", "intensieve begeleiding", "permanent toezicht");
    public static readonly CodeDomain Adaptation = CodeDomain.FromEnum<AdaptationLevel>(
        "geen aanpassingen", "beperkte aanpassingen", "ingrijpende aanpassingen");
    public static readonly CodeDomain Benefit = CodeDomain.FromEnum<BenefitType>(
        "bijstand (Participatiewet)", "geen uitkering", "Wajong", "WIA", "andere UWV-uitkering (WW, IOW, WAZ, WAO, ZW, WAMIL)");
    public static readonly CodeDomain ApplicantDomain = CodeDomain.FromEnum<Applicant>(
        "het college (ambtshalve)", "betrokkene zelf, bij UWV (art. 10b lid 3)", "betrokkene, bij het college (art. 10b lid 1, op verzoek)");
    public static readonly CodeDomain Advice = CodeDomain.FromEnum<AdviceResult>("positief", "negatief");
    public static readonly CodeDomain Employer = CodeDomain.FromEnum<EmployerKind>("sociaal ontwikkelbedrijf", "de gemeente", "een reguliere werkgever");
    public static readonly CodeDomain Reason = CodeDomain.FromEnum<LeaveReason>(
        "ziekte", "verhuizing", "ontslag", "doorstroom naar ander werk", "werk niet vol te houden", "einde contract", "andere reden");
    public static readonly CodeDomain EventTypes = CodeDomain.FromEnum<EventType>(
        "advies beschut werk gegeven", "geplaatst in beschut werk", "beschut werk beëindigd", "indicatie banenafspraak aangevraagd",
        "indicatie banenafspraak toegekend", "baan banenafspraak begonnen", "baan banenafspraak beëindigd", "arbeidsvermogen verloren",
        "verhuisd naar een andere gemeente", "vastgesteld door het college", "vaststelling ingetrokken door het college");

    /// <summary>
    /// Facts of the case, by path (person.*, application.*, municipality.*), in the order the case format writes them
    /// (<see cref="Cases.CaseYamlWriter"/>, whose text is hashed into the audit record: new facts go at the end of their
    /// section). The case reader, the CSV columns, the case writer and the web form are built from this table.
    /// </summary>
    public static IReadOnlyDictionary<string, FactField> CaseFields { get; } = Index(
        Fact("person.date_of_birth", ValueType.Date, "geboortedatum"),
        Fact("person.has_work_capacity", ValueType.Bool, "arbeidsvermogen", "BabW art. 3 lid 1"),
        Fact("person.supervision_need", ValueType.Code(Supervision), "benodigde begeleiding", "BabW art. 3 lid 1 onder b"),
        Fact("person.adaptation_need", ValueType.Code(Adaptation), "benodigde aanpassingen van werkplek of werk", "BabW art. 3 lid 1 onder a"),
        Fact("person.supervision_beyond_employer", ValueType.Bool, "begeleiding niet binnen redelijke grenzen door een werkgever te bieden",
            "BabW art. 3 lid 1 onder b"),
        Fact("person.adaptations_beyond_employer", ValueType.Bool, "aanpassingen niet binnen redelijke grenzen door een werkgever te realiseren",
            "BabW art. 3 lid 1 onder a", retired: new RetiredAlias("can_work_at_regular_employer", null,
                "person.can_work_at_regular_employer is no longer a fact: BabW art. 3 lid 1 asks per ground whether an employer cannot " +
                "provide it within reasonable limits. Write supervision_beyond_employer (begeleiding, lid 1 onder b) and " +
                "adaptations_beyond_employer (aanpassingen, lid 1 onder a) instead")),
        Fact("person.benefit", ValueType.Code(Benefit), "uitkering", "Pw art. 10b lid 1", retired: new RetiredAlias(null, "wsw_indicatie",
            "person.benefit: 'wsw_indicatie' is not a benefit. Write wsw_indication: true, and as benefit what the person receives " +
            "(e.g. participatiewet, wajong or none)")),
        Fact("person.registered_as_job_seeker", ValueType.Bool, "ingeschreven als werkzoekende", "Pw art. 6 onder a en art. 10b lid 1"),
        Fact("person.wsw_indication", ValueType.Bool, "Wsw-indicatie"),
        Fact("person.wsw_supported_work_possible", ValueType.Bool, "Wsw: in staat tot begeleid werken", "BabW art. 3 lid 3 onder a en lid 4"),
        Fact("person.wage_value_percent", ValueType.Number, "loonwaarde (procent)", limits: (0, FactLimits.MaxWageValuePercent)),
        Fact("person.can_follow_funded_education", ValueType.Bool, "kan uit 's Rijks kas bekostigd onderwijs volgen (wie jonger is dan 27, tot 2026)",
            "Pw art. 7 lid 3 onder a (tot 2026)"),
        Fact("person.college_judged_education_unsuitable", ValueType.Bool,
            "het college oordeelt dat onderwijs volgen niet mogelijk of niet passend is (wie jonger is dan 27, vanaf 2026)", "Pw art. 7a lid 1 onder a"),
        Fact("person.exempt_from_uwv_exclusion", ValueType.Bool,
            "valt op de peildatum ondanks een UWV-uitkering onder art. 7 lid 1 onder a (tot 2017): in 2015 doelgroep " +
            "loonkostensubsidie of art. 7 lid 1 onder a 2°, vanaf 1 januari 2016 loonkostensubsidie verleend",
            "Pw art. 7 lid 3 onder c (tekst 2015 en 2016)"),
        Fact("application.applicant", ValueType.Code(ApplicantDomain), "aanvrager"),
        Fact("application.date", ValueType.Date, "datum van de aanvraag"),
        Fact("application.new_facts_stated", ValueType.Bool, "nieuwe feiten of veranderde omstandigheden gesteld", "BabW art. 3 lid 5 en 6"),
        Fact("municipality.code", ValueType.Text, "gemeentecode (CBS)"),
        Fact("municipality.quota", ValueType.Number, "aantal te realiseren dienstbetrekkingen volgens de gemeente", "Pw art. 10b lid 4",
            limits: (0, FactLimits.MaxCount)),
        Fact("municipality.higher_number_by_ordinance", ValueType.Bool, "hoger aantal bij verordening vastgesteld", "Pw art. 10b lid 5 en 6"),
        Fact("municipality.ordinance_number", ValueType.Number, "aantal dienstbetrekkingen volgens de verordening", "Pw art. 10b lid 5",
            limits: (0, FactLimits.MaxCount)));

    /// <summary>What a condition reads when it counts or quantifies over the municipality's employees, and its label.</summary>
    public const string EmployeesPath = "municipality.employees";

    public const string EmployeesLabel = "mensen in beschut werk bij de gemeente";

    /// <summary>The Dutch label of a fact a rule reads, by its path, as the form shows it: "benodigde begeleiding" for
    /// person.supervision_need; the path itself for anything else.</summary>
    public static string LabelOf(string path) =>
        CaseFields.TryGetValue(path, out var field) ? field.DutchLabel : path == EmployeesPath ? EmployeesLabel : path;

    /// <summary>The sections of a case (person, application, municipality), in the order of <see cref="CaseFields"/>.</summary>
    public static IReadOnlyList<string> Sections { get; } = CaseFields.Keys.Select(p => p[..p.IndexOf('.')]).Distinct().ToList();

    /// <summary>The facts of one section of the case, in the order of <see cref="CaseFields"/>.</summary>
    public static IReadOnlyList<FactField> SectionFields(string section) => FieldsBySection[section];

    private static readonly Dictionary<string, List<FactField>> FieldsBySection =
        Sections.ToDictionary(s => s, s => CaseFields.Values.Where(f => f.Path.StartsWith(s + ".", StringComparison.Ordinal)).ToList());

    /// <summary>Fields of one event, reachable by bare name inside <c>where</c> of an event quantifier.</summary>
    public static IReadOnlyDictionary<string, FactField> EventFields { get; } = Index(
        Item<CaseEvent>("date", ValueType.Date, "datum"),
        Item<CaseEvent>("result", ValueType.Code(Advice), "uitkomst (positief of negatief)"),
        Item<CaseEvent>("hours_per_week", ValueType.Number, "uren per week", (0, FactLimits.MaxHoursPerWeek)),
        Item<CaseEvent>("employer_kind", ValueType.Code(Employer), "soort werkgever"),
        Item<CaseEvent>("reason", ValueType.Code(Reason), "reden"),
        Item<CaseEvent>("municipality", ValueType.Text, "gemeente"));

    /// <summary>The details that belong to each kind of event (docs/case-format.md, "Events"), by key: what the web form
    /// asks once the kind is chosen. Every event has its type and date besides; the case reader takes any detail on any
    /// event.</summary>
    public static IReadOnlyDictionary<EventType, IReadOnlyList<string>> EventTypeFields { get; } = new Dictionary<EventType, IReadOnlyList<string>>
    {
        [EventType.AdviceIssued] = ["result"],
        [EventType.Placed] = ["hours_per_week", "employer_kind"],
        [EventType.Left] = ["reason"],
        [EventType.BanenafspraakIndicationApplied] = [],
        [EventType.BanenafspraakIndicationGranted] = [],
        [EventType.BanenafspraakJobStarted] = ["hours_per_week", "employer_kind"],
        [EventType.BanenafspraakJobEnded] = ["reason"],
        [EventType.WorkCapacityLost] = [],
        [EventType.Moved] = ["municipality"],
        [EventType.Determined] = ["result"],
        [EventType.Revoked] = [],
    };

    /// <summary>How an event's type is written: the code of its <see cref="EventType"/>.</summary>
    public static FactSyntax EventTypeSyntax { get; } = FactSyntax.Code(typeof(EventType));

    /// <summary>Fields of one employee in <c>employees</c> (municipality.employees).</summary>
    public static IReadOnlyDictionary<string, FactField> EmployeeFields { get; } = Index(
        Item<Employee>("hours_per_week", ValueType.Number, "uren per week", (0, FactLimits.MaxHoursPerWeek)),
        Item<Employee>("employer_kind", ValueType.Code(Employer), "soort werkgever"));

    /// <summary>Event collections by name: each event type's code names the events of that type.</summary>
    public static IReadOnlyDictionary<string, EventType> EventCollections { get; } =
        Enum.GetValues<EventType>().ToDictionary(t => CodeNames.ToCode(t.ToString()), t => t);

    /// <summary>The collection of people already employed in beschut werk by the municipality.</summary>
    public const string EmployeesCollection = "employees";

    private static readonly Dictionary<(Type, string), Delegate> ItemReaders =
        EventFields.Values.Select(f => (typeof(CaseEvent), f)).Concat(EmployeeFields.Values.Select(f => (typeof(Employee), f)))
            .ToDictionary(x => (x.Item1, x.f.Path), x => Compile(x.Item1, x.f));

    /// <summary>A compiled reader of one field of an event or employee, for the verifier's cases (compiled once per process).</summary>
    public static Delegate ItemReader(Type itemType, string field) => ItemReaders[(itemType, field)];

    /// <summary>Readers that show a case fact's value in the firing trace, by path (compiled once per process).</summary>
    public static IReadOnlyDictionary<string, Func<Case, string>> TraceReaders { get; } =
        CaseFields.ToDictionary(f => f.Key, f => TraceReader(f.Value));

    private static Delegate Compile(Type itemType, FactField field)
    {
        var item = Expression.Parameter(itemType, "item");
        return Expression.Lambda(field.Read(item), item).Compile();
    }

    private static Func<Case, string> TraceReader(FactField field)
    {
        var parameter = Expression.Parameter(typeof(Case), "c");
        var read = Expression.Lambda<Func<Case, object?>>(Expression.Convert(field.Read(parameter), typeof(object)), parameter).Compile();
        return c => Text.DutchFormat.Value(read(c), field.Type);
    }

    /// <summary>A fact of the case, held by the property of its section's record that the path names in snake_case.</summary>
    private static FactField Fact(string path, ValueType type, string label, string? basis = null, (decimal Min, decimal Max)? limits = null,
        params RetiredAlias[] retired)
    {
        var section = PropertyNamed(typeof(Case), path[..path.IndexOf('.')]);
        var property = PropertyNamed(section.PropertyType, path[(path.IndexOf('.') + 1)..]);
        return Field(path, type, label, c => Expression.Property(Expression.Property(c, section), property), property, limits, retired, basis);
    }

    /// <summary>A field of an event or an employee, held by the property of <typeparamref name="TItem"/> the key names.</summary>
    private static FactField Item<TItem>(string key, ValueType type, string label, (decimal Min, decimal Max)? limits = null)
    {
        var property = PropertyNamed(typeof(TItem), key);
        return Field(key, type, label, e => Expression.Property(e, property), property, limits, [], null);
    }

    private static FactField Field(string path, ValueType type, string label, Func<Expression, Expression> property, PropertyInfo info,
        (decimal Min, decimal Max)? limits, RetiredAlias[] retired, string? basis) =>
        new(path, type, label, owner => AsValue(property(owner), type), info, SyntaxOf(path, type, info, limits), retired, basis);

    private static PropertyInfo PropertyNamed(Type record, string key) =>
        record.GetProperties().SingleOrDefault(p => CodeNames.ToCode(p.Name) == key)
        ?? throw new InvalidOperationException($"{record.Name} has no property for the fact key '{key}'");

    /// <summary>The property's value in the run-time representation of the type: a code as its number, a date as its day
    /// number, a count as a decimal.</summary>
    private static Expression AsValue(Expression value, ValueType type) => type.Kind switch
    {
        ValueKind.Code => AsInt(value),
        // An event's date is always known: its day number is read in place, without the nullable date's call.
        ValueKind.Date when value.Type == typeof(DateOnly) => Expression.Convert(Expression.Property(value, nameof(DateOnly.DayNumber)), typeof(int?)),
        ValueKind.Date => Day(value.Type == typeof(DateOnly?) ? value : Expression.Convert(value, typeof(DateOnly?))),
        ValueKind.Number when value.Type == typeof(int?) => ToDecimal(value),
        _ => value,
    };

    /// <summary>How a fact is written in a case file, from its type; a number needs its limits, and is whole when its
    /// property is an int. The text facts are CBS municipality codes.</summary>
    private static FactSyntax SyntaxOf(string path, ValueType type, PropertyInfo property, (decimal Min, decimal Max)? limits) => type.Kind switch
    {
        ValueKind.Bool => FactSyntax.Bool,
        ValueKind.Date => FactSyntax.Date,
        ValueKind.Code => FactSyntax.Code(Nullable.GetUnderlyingType(property.PropertyType)!),
        ValueKind.Text => FactSyntax.MunicipalityCode,
        ValueKind.Number when limits is { } l => new NumberSyntax(l.Min, l.Max, Whole: property.PropertyType == typeof(int?)),
        _ => throw new InvalidOperationException($"the fact '{path}' has no way to be written in a case file (a number needs its limits)"),
    };

    private static Dictionary<string, FactField> Index(params FactField[] fields) => fields.ToDictionary(f => f.Path);

    private static Expression AsInt(Expression nullableEnum) => Expression.Convert(nullableEnum, typeof(int?));

    private static Expression ToDecimal(Expression nullableInt) => Expression.Convert(nullableInt, typeof(decimal?));

    private static Expression Day(Expression nullableDate) =>
        Expression.Call(typeof(FactModel).GetMethod(nameof(DayNumber))!, nullableDate);

    /// <summary>A date as the condition language reads it: its day number, or null when unknown.</summary>
    public static int? DayNumber(DateOnly? date) => date?.DayNumber;
}
