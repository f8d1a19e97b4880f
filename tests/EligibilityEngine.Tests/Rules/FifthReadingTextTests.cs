using EligibilityEngine.Decisions;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Rules;

/// <summary>What a person reads where the fifth legal reading changed a text: who owes the other offer above the
/// number (Pw art. 10 lid 1; art. 7 lid 3 onder c and lid 7), and the way back after a failed banenafspraak job
/// (art. 10b lid 1, 4–6). The YAML rule tests check the values and findings; these check the words.</summary>
public sealed class FifthReadingTextTests
{
    private const string AboveTheNumber = """
        as_of: 2026-06-01
        person: { date_of_birth: 1990-04-01, has_work_capacity: true, supervision_need: intensive, adaptation_need: limited, supervision_beyond_employer: true, adaptations_beyond_employer: true, wsw_indication: false, benefit: BENEFIT }
        municipality: { higher_number_by_ordinance: false, code: GM0014, quota: 10, employees: [ { count: 10 } ] }
        events: [ { type: advice_issued, date: 2026-01-20, result: positief }, { type: determined, date: 2026-02-15, result: positief } ]
        """;

    private static Decision Judge(string yaml)
    {
        var file = EligibilityEngine.Cases.CaseReader.ReadText(yaml, "casus.yaml");
        return RealRules.Library.Evaluate(file.Case, file.AsOf!.Value);
    }

    private static string Finding(Decision decision, string id) => decision.Findings.Single(f => f.Id == id).Explanation;

    [Fact]
    public void Above_the_number_the_duty_no_longer_tells_everyone_that_the_municipality_owes_the_other_offer()
    {
        var duty = Judge(AboveTheNumber.Replace("BENEFIT", "wajong")).Outcomes.Single(o => o.Id == "gemeentelijke_plicht");

        duty.Value.ShouldBe("geen_plicht_quotum_bereikt");
        duty.Explanation.ShouldNotContain("moet zij een ander aanbod doen");
        duty.Explanation.ShouldContain("art. 7 lid 3 onder c en lid 7");
    }

    [Fact]
    public void Above_the_number_a_person_with_a_UWV_benefit_reads_that_UWV_supports_unless_college_and_UWV_agreed()
    {
        var decision = Judge(AboveTheNumber.Replace("BENEFIT", "wajong"));
        var text = Finding(decision, "ander_aanbod_uwv_tenzij_overeengekomen");

        text.ShouldContain("in beginsel bij UWV");
        text.ShouldContain("(art. 7 lid 7)");
        text.ShouldContain("loonkostensubsidie");
        decision.Findings.Select(f => f.Citation.Text).ShouldContain(c => c.Contains("tekst geldend op 1 januari 2026") && c.Contains("art. 7 lid 3 onder c"));
        decision.Findings.ShouldNotContain(f => f.Id == "ander_aanbod_door_college");
    }

    [Fact]
    public void Above_the_number_a_person_on_bijstand_reads_the_claim_on_the_college_of_art_10()
    {
        var decision = Judge(AboveTheNumber.Replace("BENEFIT", "participatiewet"));

        Finding(decision, "ander_aanbod_door_college").ShouldContain("aanspraak op ondersteuning bij arbeidsinschakeling");
        decision.Findings.ShouldNotContain(f => f.Id == "ander_aanbod_uwv_tenzij_overeengekomen");
    }

    [Fact]
    public void After_a_failed_banenafspraak_job_the_way_back_names_the_new_determination_and_the_ordinance_number()
    {
        var decision = Judge("""
            as_of: 2020-03-15
            events:
              - { type: advice_issued, date: 2017-03-01, result: positief }
              - { type: banenafspraak_indication_granted, date: 2019-04-01 }
              - { type: banenafspraak_job_started, date: 2019-05-01 }
              - { type: banenafspraak_job_ended, date: 2020-02-29, reason: not_sustainable }
            """);
        var lifecycle = decision.Outcomes.Single(o => o.Id == "levensloop");

        lifecycle.Value.ShouldBe("terugval_nieuwe_aanvraag_nodig");
        lifecycle.Explanation.ShouldContain("stelt het college eerst (opnieuw) vast");
        lifecycle.Explanation.ShouldContain("bij verordening vaststelde (lid 5)");
    }
}
