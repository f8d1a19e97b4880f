using System.Globalization;
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
            Violation("case.person.can_work_at_regular_employer",
                "is retired: BabW art. 3 lid 1 asks per ground whether an employer cannot provide it within reasonable limits; " +
                "set supervision_beyond_employer and adaptations_beyond_employer instead");
        var mapped = new Case(
            request.CorrelationId,
            new Person(
                Date(person.DateOfBirth, "case.person.date_of_birth"),
                person.HasHasWorkCapacity ? person.HasWorkCapacity : null,
                Code<SupervisionLevel>((int)person.SupervisionNeed),
                Code<AdaptationLevel>((int)person.AdaptationNeed),
                person.HasSupervisionBeyondEmployer ? person.SupervisionBeyondEmployer : null,
                person.HasAdaptationsBeyondEmployer ? person.AdaptationsBeyondEmployer : null,
                Benefit(person.Benefit),
                person.HasRegisteredAsJobSeeker ? person.RegisteredAsJobSeeker : null,
                person.HasWswIndication ? person.WswIndication : null,
                person.HasWswSupportedWorkPossible ? person.WswSupportedWorkPossible : null,
                Number(person.WageValuePercent, "case.person.wage_value_percent", 0, FactLimits.MaxWageValuePercent)),
            application is null
                ? new Application()
                : new Application(Code<Applicant>((int)application.Applicant), Date(application.Date, "case.application.date"),
                    application.HasNewFactsStated ? application.NewFactsStated : null),
            new Municipality(
                MunicipalityCode(municipality.Code, "case.municipality.code"),
                municipality.HasQuota ? Count(municipality.Quota, "case.municipality.quota") : null,
                municipality.EmployeesKnown ? municipality.Employees.Select((e, i) => Employee(e, i)).ToArray() : null,
                municipality.HasHigherNumberByOrdinance ? municipality.HigherNumberByOrdinance : null,
                municipality.HasOrdinanceNumber ? Count(municipality.OrdinanceNumber, "case.municipality.ordinance_number") : null),
            c.Events.Select((e, i) => Event(e, i, asOf)).OfType<CaseEvent>().ToList());
        return (mapped, asOf);
    }

    public void Violation(FieldPath field, string description) =>
        _violations.Add(new BadRequest.Types.FieldViolation { Field = prefix + field, Description = description });

    /// <summary>A number of dienstbetrekkingen: never negative.</summary>
    private int? Count(int number, FieldPath field)
    {
        if (number >= 0) return number;
        Violation(field, $"must not be negative, not {number}");
        return null;
    }

    private static readonly FieldPath Employees = "case.municipality.employees";
    private static readonly FieldPath Events = "case.events";

    private Employee Employee(V1.Employee e, int index) =>
        new(Number(e.HoursPerWeek, Employees.Item(index, "hours_per_week"), 0, FactLimits.MaxHoursPerWeek), Code<EmployerKind>((int)e.EmployerKind));

    private CaseEvent? Event(V1.Event e, int index, DateOnly asOf)
    {
        if (e.Type == V1.EventType.Unspecified) Violation(Events.Item(index, "type"), "is required");
        var date = Date(e.Date, Events.Item(index, "date"), required: true);
        if (date > asOf && asOf != default) Violation(Events.Item(index, "date"), $"{date:yyyy-MM-dd} is after as_of {asOf:yyyy-MM-dd}");
        var hours = Number(e.HoursPerWeek, Events.Item(index, "hours_per_week"), 0, FactLimits.MaxHoursPerWeek);
        var municipality = MunicipalityCode(e.Municipality, Events.Item(index, "municipality"));
        if (e.Type == V1.EventType.Unspecified || date is null) return null;
        return new CaseEvent((EventType)((int)e.Type - 1), date.Value, Code<AdviceResult>((int)e.Result), hours,
            Code<EmployerKind>((int)e.EmployerKind), Code<LeaveReason>((int)e.Reason), municipality);
    }

    /// <summary>The benefit by name: the contract keeps the retired Wsw-indicatie value, which the engine does not have.</summary>
    private BenefitType? Benefit(V1.Benefit benefit)
    {
        if (benefit == V1.Benefit.Unspecified) return null;
#pragma warning disable CS0612 // the retired value is named only to refuse it
        if (benefit != V1.Benefit.WswIndicatie) return Enum.Parse<BenefitType>(benefit.ToString());
#pragma warning restore CS0612
        Violation("case.person.benefit", "BENEFIT_WSW_INDICATIE is retired: a Wsw-indicatie is not a benefit. Set wsw_indication = true and the benefit the person receives");
        return null;
    }

    // Proto enums number their values from 1 after _UNSPECIFIED = 0 (unknown), in the order of the engine's enums.
    private static TEnum? Code<TEnum>(int value) where TEnum : struct, Enum => value == 0 ? null : (TEnum)(object)(value - 1);

    public DateOnly? Date(string text, FieldPath field, bool required = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required) Violation(field, "is required (YYYY-MM-DD)");
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Violation(field, $"must be a date written as YYYY-MM-DD, not '{text}'");
        return null;
    }

    private decimal? Number(string text, FieldPath field, decimal min, decimal max)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            Violation(field, $"must be a decimal number such as \"25\" or \"25.5\", not '{text}'");
            return null;
        }

        if (value >= min && value <= max) return value;
        Violation(field, $"must be between {min} and {max}, not {value}");
        return null;
    }

    private string? MunicipalityCode(string code, FieldPath field)
    {
        if (string.IsNullOrEmpty(code)) return null;
        if (CaseReader.IsMunicipalityCode(code)) return code;
        Violation(field, $"'{code}' is not a CBS municipality code such as GM0014");
        return null;
    }
}
