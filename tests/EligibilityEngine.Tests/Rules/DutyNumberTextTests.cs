using EligibilityEngine.Decisions;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Rules;

/// <summary>What a person reads about the number that decides before the college has determined (Pw art. 10b lid 1,
/// 4–6): the regeling's number when it is not reached, else the higher number of the verordening (twelfth reading:
/// the text compared the employees with the regeling's number also when that number was reached or unknown; a lawyer's
/// review: that the higher number binds the college is a reading, the verordening may set the order, and the college may
/// deviate from the advice with its reasons, Awb art. 3:50).</summary>
public sealed class DutyNumberTextTests
{
    private const string PositiveAdviceNoDetermination = """
        as_of: 2019-06-01
        person: { date_of_birth: 1990-04-01, can_follow_funded_education: false, has_work_capacity: true, supervision_need: intensive, adaptation_need: limited, supervision_beyond_employer: true, adaptations_beyond_employer: true, benefit: participatiewet, wsw_indication: false }
        municipality: MUNICIPALITY
        events: [ { type: advice_issued, date: 2019-01-20, result: positief } ]
        """;

    private static OutcomeResult Duty(string municipality)
    {
        var file = EligibilityEngine.Cases.CaseReader.ReadText(
            PositiveAdviceNoDetermination.Replace("MUNICIPALITY", municipality), "casus.yaml");
        return RealRules.Library.Evaluate(file.Case, file.AsOf!.Value).Outcomes.Single(o => o.Id == "gemeentelijke_plicht");
    }

    [Fact]
    public void Above_the_regelings_number_but_below_the_verordenings_the_text_names_the_verordenings_number()
    {
        var duty = Duty("{ code: GM0014, quota: 10, higher_number_by_ordinance: true, ordinance_number: 15, employees: [ { count: 12 } ] }");

        duty.Value.ShouldBe("vaststelling_door_college_nodig");
        duty.Values["aantal"].ShouldBe("verordening");
        duty.Explanation.ShouldContain("met 12 dienstbetrekkingen het hogere aantal van 15 dat de gemeenteraad bij verordening vaststelde nog niet bereikt (art. 10b lid 5 en 6)");
        duty.Explanation.ShouldNotContain("volgens de regeling");
        duty.Explanation.ShouldContain("Dat het hogere aantal het college bindt, leest de beslissing in lid 6");
        duty.Explanation.ShouldContain("in welke volgorde het college de personen van lid 1 een dienstbetrekking biedt (lid 5)");
    }

    [Fact]
    public void With_the_regelings_number_unknown_the_text_names_the_verordenings_number_not_an_unknown_one()
    {
        var duty = Duty("{ code: GM0599, higher_number_by_ordinance: true, ordinance_number: 20, employees: [ { count: 10 } ] }");

        duty.Value.ShouldBe("vaststelling_door_college_nodig");
        duty.Explanation.ShouldContain("het hogere aantal van 20");
        duty.Explanation.ShouldNotContain("onbekend");
    }

    [Fact]
    public void Below_the_regelings_number_the_text_names_the_regelings_number()
    {
        var duty = Duty("{ code: GM0014, quota: 10, higher_number_by_ordinance: false, employees: [ { count: 9 } ] }");

        duty.Value.ShouldBe("vaststelling_door_college_nodig");
        duty.Explanation.ShouldContain("Op de peildatum heeft gemeente GM0014 9 dienstbetrekkingen, en dat is minder dan het aantal voor 2019 (10 volgens de regeling, art. 10b lid 4 en 6)");
        duty.Explanation.ShouldNotContain("bij uitzondering");
        duty.Explanation.ShouldContain("wijkt het ervan af, dan vermeldt het dat met de redenen in de motivering (Awb art. 3:50)");
    }
}
