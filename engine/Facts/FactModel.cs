using System.Linq.Expressions;
using EligibilityEngine.Conditions;
using ValueType = EligibilityEngine.Conditions.ValueType;

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
    public static readonly CodeDomain ApplicantDomain = CodeDomain.FromEnum<Applicant>("het college", "betrokkene zelf");
    public static readonly CodeDomain Advice = CodeDomain.FromEnum<AdviceResult>("positief", "negatief");
    public static readonly CodeDomain Employer = CodeDomain.FromEnum<EmployerKind>("sociaal ontwikkelbedrijf", "de gemeente", "een reguliere werkgever");
    public static readonly CodeDomain Reason = CodeDomain.FromEnum<LeaveReason>(
        "ziekte", "verhuizing", "ontslag", "doorstroom naar ander werk", "werk niet vol te houden", "einde contract", "andere reden");
    public static readonly CodeDomain EventTypes = CodeDomain.FromEnum<EventType>(
        "advies beschut werk gegeven", "geplaatst in beschut werk", "beschut werk beëindigd", "indicatie banenafspraak aangevraagd",
        "indicatie banenafspraak toegekend", "baan banenafspraak begonnen", "baan banenafspraak beëindigd", "arbeidsvermogen verloren",
        "verhuisd naar een andere gemeente", "vastgesteld door het college");

    /// <summary>Facts of the case, by path (person.*, application.*, municipality.*).</summary>
    public static IReadOnlyDictionary<string, FactField> CaseFields { get; } = Index(
        Fact("person.date_of_birth", ValueType.Date, "geboortedatum", c => Day(Prop(c, "Person", "DateOfBirth"))),
        Fact("person.has_work_capacity", ValueType.Bool, "arbeidsvermogen", c => Prop(c, "Person", "HasWorkCapacity"), "BabW art. 3 lid 1"),
        Fact("person.supervision_need", ValueType.Code(Supervision), "benodigde begeleiding", c => AsInt(Prop(c, "Person", "SupervisionNeed")), "BabW art. 3 lid 1 onder b"),
        Fact("person.adaptation_need", ValueType.Code(Adaptation), "benodigde aanpassingen van werkplek of werk", c => AsInt(Prop(c, "Person", "AdaptationNeed")), "BabW art. 3 lid 1 onder a"),
        Fact("person.supervision_beyond_employer", ValueType.Bool, "begeleiding niet binnen redelijke grenzen door een werkgever te bieden",
            c => Prop(c, "Person", "SupervisionBeyondEmployer"), "BabW art. 3 lid 1 onder b"),
        Fact("person.adaptations_beyond_employer", ValueType.Bool, "aanpassingen niet binnen redelijke grenzen door een werkgever te realiseren",
            c => Prop(c, "Person", "AdaptationsBeyondEmployer"), "BabW art. 3 lid 1 onder a"),
        Fact("person.benefit", ValueType.Code(Benefit), "uitkering", c => AsInt(Prop(c, "Person", "Benefit")), "Pw art. 10b lid 1"),
        Fact("person.registered_as_job_seeker", ValueType.Bool, "ingeschreven als werkzoekende", c => Prop(c, "Person", "RegisteredAsJobSeeker"), "Pw art. 6 onder a en art. 10b lid 1"),
        Fact("person.wsw_indication", ValueType.Bool, "Wsw-indicatie", c => Prop(c, "Person", "WswIndication")),
        Fact("person.wsw_supported_work_possible", ValueType.Bool, "Wsw: in staat tot begeleid werken", c => Prop(c, "Person", "WswSupportedWorkPossible"), "BabW art. 3 lid 3 onder a en lid 4"),
        Fact("person.wage_value_percent", ValueType.Number, "loonwaarde (procent)", c => Prop(c, "Person", "WageValuePercent")),
        Fact("application.applicant", ValueType.Code(ApplicantDomain), "aanvrager", c => AsInt(Prop(c, "Application", "Applicant"))),
        Fact("application.date", ValueType.Date, "datum van de aanvraag", c => Day(Prop(c, "Application", "Date"))),
        Fact("application.new_facts_stated", ValueType.Bool, "nieuwe feiten of veranderde omstandigheden gesteld", c => Prop(c, "Application", "NewFactsStated"), "BabW art. 3 lid 5 en 6"),
        Fact("municipality.code", ValueType.Text, "gemeentecode (CBS)", c => Prop(c, "Municipality", "Code")),
        Fact("municipality.quota", ValueType.Number, "aantal te realiseren dienstbetrekkingen volgens de gemeente", c => ToDecimal(Prop(c, "Municipality", "Quota")), "Pw art. 10b lid 4"),
        Fact("municipality.higher_number_by_ordinance", ValueType.Bool, "hoger aantal bij verordening vastgesteld",
            c => Prop(c, "Municipality", "HigherNumberByOrdinance"), "Pw art. 10b lid 5 en 6"),
        Fact("municipality.ordinance_number", ValueType.Number, "aantal dienstbetrekkingen volgens de verordening",
            c => ToDecimal(Prop(c, "Municipality", "OrdinanceNumber")), "Pw art. 10b lid 5"));

    /// <summary>Fields of one event, reachable by bare name inside <c>where</c> of an event quantifier.</summary>
    public static IReadOnlyDictionary<string, FactField> EventFields { get; } = Index(
        Fact("date", ValueType.Date, "datum", e => Day(Expression.Convert(Expression.Property(e, "Date"), typeof(DateOnly?)))),
        Fact("result", ValueType.Code(Advice), "uitkomst (positief of negatief)", e => AsInt(Expression.Property(e, "Result"))),
        Fact("hours_per_week", ValueType.Number, "uren per week", e => Expression.Property(e, "HoursPerWeek")),
        Fact("employer_kind", ValueType.Code(Employer), "soort werkgever", e => AsInt(Expression.Property(e, "EmployerKind"))),
        Fact("reason", ValueType.Code(Reason), "reden", e => AsInt(Expression.Property(e, "Reason"))),
        Fact("municipality", ValueType.Text, "gemeente", e => Expression.Property(e, "Municipality")));

    /// <summary>Fields of one employee in <c>employees</c> (municipality.employees).</summary>
    public static IReadOnlyDictionary<string, FactField> EmployeeFields { get; } = Index(
        Fact("hours_per_week", ValueType.Number, "uren per week", e => Expression.Property(e, "HoursPerWeek")),
        Fact("employer_kind", ValueType.Code(Employer), "soort werkgever", e => AsInt(Expression.Property(e, "EmployerKind"))));

    /// <summary>Event collections by name: each event type's code names the events of that type.</summary>
    public static IReadOnlyDictionary<string, EventType> EventCollections { get; } =
        Enum.GetValues<EventType>().ToDictionary(t => CodeNames.ToCode(t.ToString()), t => t);

    /// <summary>The collection of people already employed in beschut werk by the municipality.</summary>
    public const string EmployeesCollection = "employees";

    private static readonly Dictionary<(Type, string), Delegate> ItemReaders =
        EventFields.Values.Select(f => (typeof(CaseEvent), f)).Concat(EmployeeFields.Values.Select(f => (typeof(Employee), f)))
            .ToDictionary(x => (x.Item1, x.f.Path), x => Compile(x.Item1, x.f));

    /// <summary>A compiled reader of one field of an event or employee, for quantifiers (compiled once per process).</summary>
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
        return c => Evaluation.DutchFormat.Value(read(c), field.Type);
    }

    private static FactField Fact(string path, ValueType type, string label, Func<Expression, Expression> read, string? basis = null) =>
        new(path, type, label, read, basis);

    private static Dictionary<string, FactField> Index(params FactField[] fields) => fields.ToDictionary(f => f.Path);

    private static Expression Prop(Expression @case, string section, string field) =>
        Expression.Property(Expression.Property(@case, section), field);

    private static Expression AsInt(Expression nullableEnum) => Expression.Convert(nullableEnum, typeof(int?));

    private static Expression ToDecimal(Expression nullableInt) => Expression.Convert(nullableInt, typeof(decimal?));

    private static Expression Day(Expression nullableDate) =>
        Expression.Call(typeof(RuntimeOps).GetMethod(nameof(RuntimeOps.DayNumber))!, nullableDate);
}
