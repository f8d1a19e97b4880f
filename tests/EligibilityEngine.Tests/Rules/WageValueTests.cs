using EligibilityEngine.Facts;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Rules;

/// <summary>Loonwaarde must never influence the advice (Kamerbrief 15 juni 2018: "De productiviteit (de loonwaarde) van
/// betrokkene speelt geen rol").</summary>
public sealed class WageValueTests
{
    public static TheoryData<bool?, SupervisionLevel?, bool?> Profiles() => new()
    {
        { true, SupervisionLevel.Intensive, false },
        { true, SupervisionLevel.Regular, false },
        { true, SupervisionLevel.Light, true },
        { false, SupervisionLevel.Permanent, false },
        { null, SupervisionLevel.Intensive, false },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Varying_loonwaarde_over_its_whole_range_never_changes_the_decision(bool? capacity, SupervisionLevel? supervision, bool? regular)
    {
        Case CaseWith(decimal? wageValue) => Case.Empty with
        {
            Person = new Person(new DateOnly(1990, 1, 1), capacity, supervision, AdaptationLevel.Limited, !regular, !regular, BenefitType.Participatiewet,
                WageValuePercent: wageValue),
            Application = new Application(Applicant.Municipality, new DateOnly(2019, 1, 7), false),
            Municipality = new Municipality("GM0014", 80, []),
        };

        string Outcomes(decimal? wageValue)
        {
            var d = RealRules.Library.Evaluate(CaseWith(wageValue), new DateOnly(2019, 3, 1));
            return string.Join("|", d.Outcomes.Select(o => $"{o.Id}={o.Value}:{o.Explanation}"))
                + string.Join("|", d.Criteria.Select(c => $"{c.Id}={c.Status}:{c.Explanation}"));
        }

        var reference = Outcomes(null);
        for (var wageValue = 0m; wageValue <= 100m; wageValue += 2.5m)
            Outcomes(wageValue).ShouldBe(reference, $"loonwaarde {wageValue}");
    }

    [Fact]
    public void No_rule_in_any_version_reads_loonwaarde() =>
        RealRules.Library.Versions.SelectMany(v => v.Rules).ShouldAllBe(r => !r.FactsRead.Contains("person.wage_value_percent"));
}
