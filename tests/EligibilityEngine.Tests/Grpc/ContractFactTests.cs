using EligibilityEngine.Facts;
using EligibilityEngine.Host.Services;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>
/// The contract's case messages and the fact registry (<see cref="FactModel"/>) name the same facts: every fact is a proto
/// field of the same name and a compatible type, every proto field is a fact, a retired alias or part of the case's
/// shape, and the request mapper maps every fact. Adding a fact to one and not the other fails here.
/// </summary>
public sealed class ContractFactTests
{
    private static readonly string[] PartNames = ["person", "application", "municipality", "event", "employee"];

    public static TheoryData<string> Parts() => new(PartNames);

    /// <summary>A contract message, the registry's facts it carries, and its fields that are the case's shape, not facts.</summary>
    private static (MessageDescriptor Message, IReadOnlyList<FactField> Facts, string[] Shape) Contract(string part) => part switch
    {
        "person" => (V1.Person.Descriptor, FactModel.SectionFields("person"), []),
        "application" => (V1.Application.Descriptor, FactModel.SectionFields("application"), []),
        "municipality" => (V1.Municipality.Descriptor, FactModel.SectionFields("municipality"), ["employees_known", FactModel.EmployeesCollection]),
        "event" => (V1.Event.Descriptor, [.. FactModel.EventFields.Values], ["type"]),
        _ => (V1.Employee.Descriptor, [.. FactModel.EmployeeFields.Values], ["count"]),
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public void Every_fact_of_the_registry_is_a_contract_field_of_the_same_name_and_a_compatible_type(string part)
    {
        var (message, facts, _) = Contract(part);
        foreach (var fact in facts)
        {
            var field = message.FindFieldByName(fact.Key);
            field.ShouldNotBeNull($"{message.Name} has no field {fact.Key} for {fact.Path}");
            (field.FieldType, field.HasPresence).ShouldBe(Expected(fact.Syntax), $"{message.Name}.{fact.Key}");
            if (fact.Syntax.GetType() is { IsGenericType: true } code)
                Enum.GetNames(code.GetGenericArguments()[0]).ShouldBeSubsetOf(Enum.GetNames(field.EnumType.ClrType), $"{message.Name}.{fact.Key}");
        }
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void Every_contract_field_is_a_fact_of_the_registry_a_retired_alias_or_part_of_the_case_shape(string part)
    {
        var (message, facts, shape) = Contract(part);
        var retired = facts.SelectMany(f => f.Retired).Select(r => r.Key).OfType<string>().ToList();
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            if (field.GetOptions()?.Deprecated == true) retired.ShouldContain(field.Name, $"{message.Name}.{field.Name} is retired in the contract only");
            else facts.Select(f => f.Key).Concat(shape).ShouldContain(field.Name, $"{message.Name}.{field.Name} is no fact of the registry");
        }
    }

    [Fact]
    public void The_request_mapper_maps_every_fact_of_the_registry()
    {
        var person = Filled<V1.Person>("person");
        var application = Filled<V1.Application>("application");
        var municipality = Filled<V1.Municipality>("municipality");
        municipality.EmployeesKnown = true;
        municipality.Employees.Add(Filled<V1.Employee>("employee"));
        var @event = Filled<V1.Event>("event");
        @event.Type = (V1.EventType)1;
        var request = new V1.EvaluateRequest
        {
            AsOf = "2024-01-01",
            Case = new V1.Case { Person = person, Application = application, Municipality = municipality, Events = { @event } },
        };

        var mapper = new RequestMapper();
        var (mapped, _) = mapper.Map(request);

        mapper.Violations.ShouldBeEmpty();
        object[] records = [mapped.Person, mapped.Application, mapped.Municipality, mapped.Events.Single(), mapped.Municipality.Employees!.Single()];
        foreach (var (record, part) in records.Zip(PartNames))
            foreach (var fact in Contract(part).Facts)
                fact.ValueIn(record).ShouldNotBeNull($"{part}: {fact.Path} is not mapped");
    }

    /// <summary>A contract message with every fact of the registry set to a valid value.</summary>
    private static T Filled<T>(string part) where T : IMessage, new()
    {
        var message = new T();
        foreach (var fact in Contract(part).Facts)
        {
            var field = message.Descriptor.FindFieldByName(fact.Key);
            field.Accessor.SetValue(message, fact.Syntax switch
            {
                BoolSyntax => true,
                DateSyntax => "2020-01-01",
                MunicipalityCodeSyntax => "GM0014",
                NumberSyntax { Whole: true } => 1,
                NumberSyntax => "1",
                _ => Enum.ToObject(field.EnumType.ClrType, 1),
            });
        }

        return message;
    }

    /// <summary>How the contract carries a fact: yes/no and counts with presence (unset is unknown), dates, numbers and
    /// codes as strings, codes as enums whose zero value is unknown.</summary>
    private static (FieldType, bool) Expected(FactSyntax syntax) => syntax switch
    {
        BoolSyntax => (FieldType.Bool, true),
        NumberSyntax { Whole: true } => (FieldType.Int32, true),
        DateSyntax or NumberSyntax or MunicipalityCodeSyntax => (FieldType.String, false),
        _ => (FieldType.Enum, false),
    };
}
