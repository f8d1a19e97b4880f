using System.Collections.Concurrent;
using EligibilityEngine.Audit;
using EligibilityEngine.Cases;
using EligibilityEngine.Facts;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>
/// Maps a request to engine facts. Every bad field is collected as a field violation (path as in the request, e.g.
/// "case.events[2].date"), so one answer names them all.
/// </summary>
/// <param name="prefix">Put before every field path, e.g. "cases[3]." for a case inside a larger request.</param>
public sealed class RequestMapper(string prefix = "")
{
    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public IReadOnlyList<BadRequest.Types.FieldViolation> Violations => _violations;

    /// <summary>
    /// Every bad value of a request that takes a body (<c>Evaluate</c>, <c>AnalyzeImpact</c>), as the service checks it:
    /// what the JSON side adds to the errors of a body's shape, so that a caller learns both at once.
    /// </summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> Check(IMessage request)
    {
        var mapper = new RequestMapper();
        switch (request)
        {
            case V1.EvaluateRequest evaluate:
                mapper.MapEvaluation(evaluate);
                break;
            case V1.AnalyzeImpactRequest impact:
                mapper.ImpactRequest(impact);
                break;
        }

        return mapper.Violations;
    }

    /// <summary>An Evaluate request: the case, its peildatum and the data subject it names.</summary>
    public (Case Case, DateOnly AsOf, DataSubject? Subject) MapEvaluation(V1.EvaluateRequest request)
    {
        var (@case, asOf) = Map(request);
        return (@case, asOf, Subject(request.DataSubject));
    }

    /// <summary>An AnalyzeImpact request's cases; its settings are required.</summary>
    public List<NamedCase> ImpactRequest(V1.AnalyzeImpactRequest request)
    {
        if (request.Settings is null) Violation("settings", ViolationReason.Required, "is required");
        return ImpactCases(request.Cases);
    }

    /// <summary>The cases of an impact analysis, each named by its name or its place (<c>cases[3]</c>), each fact
    /// checked with its path (<c>cases[3].case.person.benefit</c>); the peildatum is each case's own, when given.</summary>
    public List<NamedCase> ImpactCases(IReadOnlyList<V1.ImpactCase> given)
    {
        var cases = new List<NamedCase>(given.Count);
        foreach (var item in given)
        {
            var caseMapper = new RequestMapper($"{prefix}cases[{cases.Count}].");
            var (@case, asOf) = caseMapper.Map(new V1.EvaluateRequest { CorrelationId = item.Name, AsOf = item.AsOf, Case = item.Case }, asOfRequired: false);
            _violations.AddRange(caseMapper.Violations);
            cases.Add(new NamedCase(string.IsNullOrEmpty(item.Name) ? $"cases[{cases.Count}]" : item.Name, @case, asOf == default ? null : asOf));
        }

        return cases;
    }

    public (Case Case, DateOnly AsOf) Map(V1.EvaluateRequest request, bool asOfRequired = true)
    {
        var asOf = Date(request.AsOf, "as_of", required: asOfRequired) ?? default;
        var c = request.Case ?? new V1.Case();
        var person = c.Person ?? new V1.Person();
        var municipality = c.Municipality ?? new V1.Municipality();

#pragma warning disable CS0612 // the retired field is read only to refuse it
        if (person.HasCanWorkAtRegularEmployer)
#pragma warning restore CS0612
            Violation("case.person.can_work_at_regular_employer", ViolationReason.Retired,
                "is retired: BabW art. 3 lid 1 asks per ground whether an employer cannot provide it within reasonable limits; " +
                "set supervision_beyond_employer and adaptations_beyond_employer instead");
        var personFacts = Facts<Person>(person, FactModel.SectionFields("person"), CaseField);
        var applicationFacts = Facts<Application>(c.Application ?? new V1.Application(), FactModel.SectionFields("application"), CaseField);
        var municipalityFacts = Facts<Municipality>(municipality, FactModel.SectionFields("municipality"), CaseField);
        municipalityFacts[EmployeesArgument] = Employees(municipality);
        var mapped = new Case(request.CorrelationId, FactRecord.New<Person>(personFacts), FactRecord.New<Application>(applicationFacts),
            FactRecord.New<Municipality>(municipalityFacts), EventList(c.Events));
        return (mapped, asOf);
    }

    private static readonly int EmployeesArgument = FactRecord.Argument<Municipality>(nameof(Municipality.Employees));
    private static readonly int EventTypeArgument = FactRecord.Argument<CaseEvent>(nameof(CaseEvent.Type));
    private static readonly int EventDateArgument = FactRecord.Argument<CaseEvent>(nameof(CaseEvent.Date));

    /// <summary>A case fact's field in a request: <c>case.person.benefit</c> (built once per fact, not per request).</summary>
    private static readonly Dictionary<string, FieldPath> CaseFieldPaths = FactModel.CaseFields.Keys.ToDictionary(p => p, p => (FieldPath)("case." + p));

    private static FieldPath CaseField(FactField fact) => CaseFieldPaths[fact.Path];

    /// <summary>Where each fact of a contract message goes: the argument of the record's constructor and the proto field
    /// it is read from, found once per message and record type (a request maps a record per contract and event).</summary>
    private sealed record FactSlot(int Argument, FactField Fact, FieldDescriptor Field);

    private static readonly ConcurrentDictionary<(MessageDescriptor, Type), FactSlot[]> Slots = new();

    /// <summary>
    /// The facts a contract message carries, as the arguments of record <typeparamref name="T"/>'s constructor: each fact
    /// of the registry from the proto field of the same name (<c>ContractFactTests</c> proves there is one, of a
    /// compatible type), checked as every way in checks it.
    /// </summary>
    private object?[] Facts<T>(IMessage message, IEnumerable<FactField> facts, Func<FactField, FieldPath> path)
    {
        var slots = Slots.GetOrAdd((message.Descriptor, typeof(T)), static (key, facts) =>
            facts.Select(f => new FactSlot(FactRecord.Argument<T>(f.Property.Name), f, key.Item1.FindFieldByName(f.Key)
                ?? throw new InvalidOperationException($"{key.Item1.Name} has no field '{f.Key}' for the fact {f.Property.Name}"))).ToArray(), facts);
        var values = FactRecord.Arguments<T>();
        foreach (var (argument, fact, field) in slots)
        {
            values[argument] = field.HasPresence && !field.Accessor.HasValue(message) ? null : (fact.Syntax, field.Accessor.GetValue(message)) switch
            {
                (NumberSyntax n, int count) => Count(count, path(fact), n),
                (NumberSyntax n, string text) => Number(text, path(fact), n.Min, n.Max),
                (DateSyntax, string text) => Date(text, path(fact)),
                (MunicipalityCodeSyntax, string code) => MunicipalityCode(code, path(fact)),
                (_, Enum code) => Code(code, Nullable.GetUnderlyingType(fact.Property.PropertyType)!, path(fact)),
                (_, var value) => value,
            };
        }

        return values;
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

    /// <summary>A count (a number of dienstbetrekkingen), within the limits every way in shares.</summary>
    private int? Count(int number, FieldPath field, NumberSyntax limits)
    {
        var count = FactText.WholeNumber(number, (int)limits.Min, (int)limits.Max, out var error);
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

            var index = i;
            counted.Add((FactRecord.New<Employee>(Facts<Employee>(e, FactModel.EmployeeFields.Values, f => EmployeesField.Item(index, f.Key))), count));
        }

        var employees = CountedEmployees.Expand(counted, out var tooMany);
        if (tooMany is not null) Violation(EmployeesField, ViolationReason.TooMany, tooMany);
        return employees;
    }

    private CaseEvent? Event(V1.Event e, int index)
    {
        var type = e.Type == V1.EventType.Unspecified ? null : (EventType?)Code(e.Type, typeof(EventType), EventsField.Item(index, "type"));
        if (e.Type == V1.EventType.Unspecified) Violation(EventsField.Item(index, "type"), ViolationReason.Required, "is required");
        var values = Facts<CaseEvent>(e, FactModel.EventFields.Values, f => EventsField.Item(index, f.Key));
        if (string.IsNullOrEmpty(e.Date)) Violation(EventsField.Item(index, "date"), ViolationReason.Required, DateRequired);
        if (type is null || values[EventDateArgument] is null) return null;
        values[EventTypeArgument] = type;
        return FactRecord.New<CaseEvent>(values);
    }

    /// <summary>
    /// A contract code as the engine's value of the same name (<c>ContractEnumTests</c> proves the names): _UNSPECIFIED
    /// (0) is unknown; a number the contract does not declare (proto3 keeps it) is an error, never a value decided on; a
    /// retired value is refused with what to send instead.
    /// </summary>
    private object? Code(Enum code, Type engine, FieldPath field)
    {
        var number = Convert.ToInt32(code, System.Globalization.CultureInfo.InvariantCulture);
        if (number == 0) return null;
        if (!Enum.IsDefined(code.GetType(), code))
        {
            Violation(field, ViolationReason.InvalidEnumValue, UndefinedEnum(number, Enum.GetValues(code.GetType()).Cast<int>().Max()));
            return null;
        }

        if (Enum.TryParse(engine, code.ToString(), out var value)) return value;
        Violation(field, ViolationReason.Retired, RetiredCodes[code]);
        return null;
    }

    /// <summary>Values the contract keeps for old clients but the engine does not have, with what to send instead.</summary>
    private static readonly Dictionary<Enum, string> RetiredCodes = new()
    {
#pragma warning disable CS0612 // the retired value is named only to refuse it
        [V1.Benefit.WswIndicatie] = "BENEFIT_WSW_INDICATIE is retired: a Wsw-indicatie is not a benefit. Set wsw_indication = true and the benefit the person receives",
#pragma warning restore CS0612
    };

    private static string UndefinedEnum(int value, int max) => $"{value} is not a value of this field; allowed: 0 (unknown) to {max}";

    private const string DateRequired = "is required (YYYY-MM-DD)";

    public DateOnly? Date(string text, FieldPath field, bool required = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required) Violation(field, ViolationReason.Required, DateRequired);
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
