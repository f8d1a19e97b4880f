using EligibilityEngine.Facts;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>The request mapper maps contract enums to engine enums by position (value - 1); this proves the order. The
/// benefit is mapped by name, because the contract keeps a retired value the engine does not have.</summary>
public sealed class ContractEnumTests
{
    public static TheoryData<Type, Type> Pairs() => new()
    {
        { typeof(V1.SupervisionLevel), typeof(SupervisionLevel) },
        { typeof(V1.AdaptationLevel), typeof(AdaptationLevel) },
        { typeof(V1.Applicant), typeof(Applicant) },
        { typeof(V1.EmployerKind), typeof(EmployerKind) },
        { typeof(V1.EventType), typeof(EventType) },
        { typeof(V1.AdviceResult), typeof(AdviceResult) },
        { typeof(V1.LeaveReason), typeof(LeaveReason) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_contract_value_maps_to_the_engine_value_of_the_same_name(Type contract, Type engine)
    {
        var contractNames = Enum.GetNames(contract).Where(n => n != "Unspecified").ToList();
        var engineNames = Enum.GetNames(engine);
        contractNames.Count.ShouldBe(engineNames.Length);
        foreach (var name in contractNames)
        {
            var position = (int)Enum.Parse(contract, name) - 1;
            Enum.GetName(engine, position).ShouldBe(name, $"{contract.Name}.{name}");
        }
    }

    [Fact]
    public void Every_contract_benefit_but_the_retired_Wsw_indicatie_has_an_engine_benefit_of_the_same_name()
    {
        Enum.GetNames<V1.Benefit>().Where(n => n is not ("Unspecified" or "WswIndicatie")).ShouldBe(Enum.GetNames<BenefitType>());
    }
}
