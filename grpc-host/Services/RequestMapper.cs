using EligibilityEngine.Audit;
using EligibilityEngine.Cases;
using EligibilityEngine.Facts;
using Google.Rpc;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.GrpcHost.Services;

/// <summary>
/// Maps a request to engine facts. Every bad field is collected as a field violation (path as in the request, e.g.
/// "case.events[2].date"), so one answer names them all.
/// </summary>
/// <param name="prefix">Put before every field path, e.g. "cases[3]." for a case inside a larger request.</param>
public sealed class RequestMapper(string prefix = "")
{
    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public IReadOnlyList<BadRequest.Types.FieldViolation> Violations => _violations;

    public (Case Case, DateOnly AsOf) Map(V1.EvaluateRequest request, bool asOfRequired = true)
    {
        var asOf = Date(request.AsOf, "as_of", required: asOfRequired) ?? default;
        var c = request.Case ?? new V1.Case();
        var person = c.Person ?? new V1.Person();
        var application = c.Application;
        var municipality = c.Municipality ?? new V1.Municipality();

#pragma warning disable CS0612 // the retired field is read only to refuse it
        if (person.HasCanWorkAtRegularEmployer)
#pragma warning restore CS0612
            Violation("case.person.can_work_at_regular_employer", ViolationReason.Retired,
                "is retired: BabW art. 3 lid 1 asks per ground whether an employer cannot provide it within reasonable limits; " +
                "set supervision_beyond_employer and adaptations_beyond_employer instead");
        var mapped = new Case(
            request.CorrelationId,
            new Person(
                Date(person.DateOfBirth, "case.person.date_of_birth"),
                person.HasHasWorkCapacity ? person.HasWorkCapacity : null,
                Code<SupervisionLevel>((int)person.SupervisionNeed, "case.person.supervision_need"),
                Code<AdaptationLevel>((int)person.AdaptationNeed, "case.person.adaptation_need"),
                person.HasSupervisionBeyondEmployer ? person.SupervisionBeyondEmployer : null,
                person.HasAdaptationsBeyondEmployer ? person.AdaptationsBeyondEmployer : null,
                Benefit(person.Benefit),
                person.HasRegisteredAsJobSeeker ? person.RegisteredAsJobSeeker : null,
                person.HasWswIndication ? person.WswIndication : null,
                person.HasWswSupportedWorkPossible ? person.WswSupportedWorkPossible : null,
                Number(person.WageValuePercent, "case.person.wage_value_percent", 0, FactLimits.MaxWageValuePercent)),
            application is null
                ? new Application()
                : new Application(Code<Applicant>((int)application.Applicant, "case.application.applicant"), Date(application.Date, "case.application.date"),
                    application.HasNewFactsStated ? application.NewFactsStated : null),
            new Municipality(
                MunicipalityCode(municipality.Code, "case.municipality.code"),
                municipality.HasQuota ? Count(municipality.Quota, "case.municipality.quota") : null,
                Employees(municipality),
                municipality.HasHigherNumberByOrdinance ? municipality.HigherNumberByOrdinance : null,
                municipality.HasOrdinanceNumber ? Count(municipality.OrdinanceNumber, "case.municipality.ordinance_number") : null),
            EventList(c.Events));
        return (mapped, asOf);
    }

    private List<CaseEvent> EventList(IReadOnlyList<V1.Event> events)
    {
        if (FactLimits.EventCountError(events.Count) is not { } tooMany) return events.Select(Event).OfType<CaseEvent>().ToList();
        Violation(EventsField, ViolationReason.TooMany, tooMany);
        return [];
    }

    /// <summary>The data subject the request names, or null. The id is checked, never quoted: it is personal data.</summary>
    public DataSubject? Subject(V1.DataSubject? subject)
    {
        if (subject is null) return null;
        var valid = true;
        if (subject.Id.Length is 0 or > 64 || subject.Id.Any(char.IsControl))
        {
            Violation("data_subject.id", subject.Id.Length == 0 ? ViolationReason.Required : ViolationReason.InvalidValue,
                "must be 1 to 64 characters without control characters, e.g. a BSN");
            valid = false;
        }

        if (subject.IdType.Length is 0 or > 32 || !subject.IdType.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            Violation("data_subject.id_type", subject.IdType.Length == 0 ? ViolationReason.Required : ViolationReason.InvalidValue,
                "must be 1 to 32 letters, digits, '.', '_' or '-', e.g. BSN");
            valid = false;
        }

        return valid ? new DataSubject(subject.Id, subject.IdType) : null;
    }

    /// <param name="reason">A <see cref="ViolationReason"/>.</param>
    public void Violation(FieldPath field, string reason, string description) =>
        _violations.Add(CallError.Violation(prefix + field, reason, description));

    /// <summary>A number of dienstbetrekkingen, within the limit every way in shares.</summary>
    private int? Count(int number, FieldPath field)
    {
        var count = FactText.WholeNumber(number, 0, FactLimits.MaxCount, out var error);
        if (error is not null) Violation(field, ViolationReason.OutOfRange, error);
        return count;
    }

    private static readonly FieldPath EmployeesField = "case.municipality.employees";
    private static readonly FieldPath EventsField = "case.events";

    /// <summary>The employees, each entry <c>count</c> times; null (unknown) unless the list is marked known.</summary>
    private Employee[]? Employees(V1.Municipality municipality)
    {
        var entries = municipality.Employees;
        if (!municipality.EmployeesKnown)
        {
            // Never drop facts without a word: a caller that lists employees but forgot the flag must hear of it.
            if (entries.Count > 0)
                Violation("case.municipality.employees_known", ViolationReason.Conflict, $"is false, but {entries.Count} employee entries are given: set employees_known = true (an empty known list means none)");
            return null;
        }

        var counted = new List<(Employee, int)>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var count = 1;
            if (e.HasCount)
            {
                count = FactText.WholeNumber(e.Count, 1, FactLimits.MaxEmployees, out var error) ?? 0;
                if (error is not null) Violation(EmployeesField.Item(i, "count"), ViolationReason.OutOfRange, error);
            }

            counted.Add((new Employee(Number(e.HoursPerWeek, EmployeesField.Item(i, "hours_per_week"), 0, FactLimits.MaxHoursPerWeek),
                Code<EmployerKind>((int)e.EmployerKind, EmployeesField.Item(i, "employer_kind"))), count));
        }

        var employees = CountedEmployees.Expand(counted, out var tooMany);
        if (tooMany is not null) Violation(EmployeesField, ViolationReason.TooMany, tooMany);
        return employees;
    }

    private CaseEvent? Event(V1.Event e, int index)
    {
        var type = e.Type == V1.EventType.Unspecified ? null : Code<EventType>((int)e.Type, EventsField.Item(index, "type"));
        if (e.Type == V1.EventType.Unspecified) Violation(EventsField.Item(index, "type"), ViolationReason.Required, "is required");
        var date = Date(e.Date, EventsField.Item(index, "date"), required: true);
        var hours = Number(e.HoursPerWeek, EventsField.Item(index, "hours_per_week"), 0, FactLimits.MaxHoursPerWeek);
        var municipality = MunicipalityCode(e.Municipality, EventsField.Item(index, "municipality"));
        var result = Code<AdviceResult>((int)e.Result, EventsField.Item(index, "result"));
        var employer = Code<EmployerKind>((int)e.EmployerKind, EventsField.Item(index, "employer_kind"));
        var reason = Code<LeaveReason>((int)e.Reason, EventsField.Item(index, "reason"));
        if (type is null || date is null) return null;
        return new CaseEvent(type.Value, date.Value, result, hours, employer, reason, municipality);
    }

    /// <summary>The benefit by name: the contract keeps the retired Wsw-indicatie value, which the engine does not have.</summary>
    private BenefitType? Benefit(V1.Benefit benefit)
    {
        if (benefit == V1.Benefit.Unspecified) return null;
        if (!Enum.IsDefined(benefit))
        {
            Violation("case.person.benefit", ViolationReason.InvalidEnumValue, UndefinedEnum((int)benefit, Enum.GetValues<V1.Benefit>().Max(b => (int)b)));
            return null;
        }

#pragma warning disable CS0612 // the retired value is named only to refuse it
        if (benefit != V1.Benefit.WswIndicatie) return Enum.Parse<BenefitType>(benefit.ToString());
#pragma warning restore CS0612
        Violation("case.person.benefit", ViolationReason.Retired, "BENEFIT_WSW_INDICATIE is retired: a Wsw-indicatie is not a benefit. Set wsw_indication = true and the benefit the person receives");
        return null;
    }

    /// <summary>A proto enum number as the engine's value. Proto enums number their values from 1 after _UNSPECIFIED = 0
    /// (unknown), in the order of the engine's enums. A number the contract does not declare (proto3 keeps it) is an
    /// error, never a value decided on.</summary>
    private TEnum? Code<TEnum>(int value, FieldPath field) where TEnum : struct, Enum
    {
        if (value == 0) return null;
        if (value > 0 && value <= ValueCount<TEnum>.Value) return (TEnum)(object)(value - 1);
        Violation(field, ViolationReason.InvalidEnumValue, UndefinedEnum(value, ValueCount<TEnum>.Value));
        return null;
    }

    // Counted once per enum: Enum.GetValues allocates an array, and every request maps several enums.
    private static class ValueCount<TEnum> where TEnum : struct, Enum
    {
        public static readonly int Value = Enum.GetValues<TEnum>().Length;
    }

    private static string UndefinedEnum(int value, int max) => $"{value} is not a value of this field; allowed: 0 (unknown) to {max}";

    public DateOnly? Date(string text, FieldPath field, bool required = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required) Violation(field, ViolationReason.Required, "is required (YYYY-MM-DD)");
            return null;
        }

        var date = FactText.Date(text, out var error);
        if (error is not null) Violation(field, ViolationReason.InvalidDate, error);
        return date;
    }

    private decimal? Number(string text, FieldPath field, decimal min, decimal max)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var value = FactText.Number(text, min, max, out var error);
        if (error is not null) Violation(field, ViolationReason.InvalidNumber, error);
        return value;
    }

    private string? MunicipalityCode(string code, FieldPath field)
    {
        if (string.IsNullOrEmpty(code)) return null;
        if (FactText.IsMunicipalityCode(code)) return code;
        Violation(field, ViolationReason.InvalidMunicipalityCode, $"{FactText.Echo(code)} is not a CBS municipality code such as GM0014");
        return null;
    }
}
