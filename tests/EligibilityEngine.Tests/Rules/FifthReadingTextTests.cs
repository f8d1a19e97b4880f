using EligibilityEngine.Decisions;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Rules;

/// <summary>What a person reads where the fifth to seventh legal readings changed a text: who makes the other offer
/// above the number (Pw art. 7 lid 1 onder a, art. 10 lid 1; for a UWV benefit open under art. 10b lid 1 and 7 and
/// art. 7 lid 3 onder c and lid 7; from 2026 art. 7a lid 1 for the young), and the way back after a failed banenafspraak
/// job (art. 10b lid 1–6; 2015 lid 1–3).
/// The YAML rule tests check the values and findings; these check the words.</summary>
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
        duty.Explanation.ShouldContain("art. 7 lid 3 onder c sluit alleen de algemene ondersteuning");
        duty.Explanation.ShouldContain("tenzij college en UWV anders overeenkwamen (art. 7 lid 7)");
    }

    [Fact]
    public void Above_the_number_a_person_with_a_UWV_benefit_reads_that_who_makes_the_other_offer_is_open()
    {
        var decision = Judge(AboveTheNumber.Replace("BENEFIT", "wajong"));
        var text = Finding(decision, "ander_aanbod_uwv_uitkering_open");
        var duty = decision.Outcomes.Single(o => o.Id == "gemeentelijke_plicht").Explanation;

        text.ShouldNotContain("in beginsel");
        duty.ShouldNotContain("in beginsel");
        text.ShouldContain("verordening van art. 10b lid 7 voor alle personen van art. 10b lid 1");
        text.ShouldContain("Wie het andere aanbod doet, is daarom open");
        text.ShouldContain("(art. 7 lid 7)");
        text.ShouldContain("loonkostensubsidie");
        decision.Findings.Select(f => f.Citation.Text).ShouldContain(c => c.Contains("tekst geldend op 1 januari 2026") && c.Contains("art. 10b lid 1, 6 en 7"));
        decision.Findings.ShouldNotContain(f => f.Id == "ander_aanbod_door_college");
    }

    [Fact]
    public void Above_the_number_a_person_on_bijstand_reads_the_claim_on_the_college_of_art_10()
    {
        var decision = Judge(AboveTheNumber.Replace("BENEFIT", "participatiewet"));

        var text = Finding(decision, "ander_aanbod_door_college");
        text.ShouldContain("aanspraak op ondersteuning bij arbeidsinschakeling");
        text.ShouldContain("IOAW- of IOAZ-uitkering");
        text.ShouldContain("(art. 7 lid 1 onder a, 4° tot en met 6°)");
        text.ShouldContain("wezenuitkering (Anw)");
        decision.Findings.ShouldNotContain(f => f.Id == "ander_aanbod_uwv_uitkering_open");
    }

    [Fact]
    public void Above_the_number_in_2026_a_person_under_27_reads_the_claim_of_art_10_and_the_colleges_power_of_art_7a()
    {
        var decision = Judge(AboveTheNumber.Replace("BENEFIT", "none")
            .Replace("date_of_birth: 1990-04-01,", "date_of_birth: 2003-04-01, college_judged_education_unsuitable: true, registered_as_job_seeker: true,"));

        decision.Findings.ShouldContain(f => f.Id == "ander_aanbod_door_college");
        var text = Finding(decision, "ander_aanbod_jonger_dan_27");
        text.ShouldContain("Betrokkene is 23 jaar.");
        text.ShouldContain("Art. 7 lid 1 onder a is sinds 2026 niet van toepassing op wie jonger is dan 27 jaar (art. 7 lid 3 onder a)");
        text.ShouldContain("houdt hij de aanspraak van art. 10 lid 1");
        text.ShouldContain("(art. 7a lid 1 onder a; een bevoegdheid van het college)");
        text.ShouldContain("Naar de lezing van deze regels is dat oordeel ook de grond");
        decision.Findings.Select(f => f.Citation.Text)
            .ShouldContain(c => c.Contains("art. 7a lid 1") && c.Contains("personen met een nabestaandenuitkering"));
    }

    [Fact]
    public void Above_the_number_in_2026_a_person_of_27_or_older_does_not_read_the_finding_for_the_young()
    {
        var decision = Judge(AboveTheNumber.Replace("BENEFIT", "none, registered_as_job_seeker: true"));

        Finding(decision, "ander_aanbod_door_college").ShouldContain("nabestaandenuitkering (Anw)");
        decision.Findings.ShouldNotContain(f => f.Id == "ander_aanbod_jonger_dan_27");
    }

    [Fact]
    public void Above_the_number_before_2026_the_other_offer_names_the_Anw_but_not_art_7a()
    {
        var decision = Judge(AboveTheNumber.Replace("BENEFIT", "none, registered_as_job_seeker: true").Replace("2026-", "2020-"));

        var text = Finding(decision, "ander_aanbod_door_college");
        text.ShouldContain("nabestaandenuitkering (Anw)");
        text.ShouldNotContain("art. 7a");
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
        lifecycle.Explanation.ShouldContain("\"ambtshalve of op verzoek\" (art. 10b lid 1)");
    }

    [Theory]
    [InlineData("2016-10-01", "2015-04-01", "2015-12-01", "2016-01-01", "2016-08-31", "art. 10b lid 1 en 3, tekst 2015")]
    [InlineData("2020-03-15", "2017-04-01", "2019-04-01", "2019-05-01", "2020-02-29", "lid 4")]
    public void After_a_failed_banenafspraak_job_a_standing_determination_is_due_for_reassessment_as_a_reading_when_the_indication_came_later(
        string asOf, string determined, string indication, string jobStarted, string jobEnded, string citedText)
    {
        var decision = Judge($$"""
            as_of: {{asOf}}
            person: { date_of_birth: 1980-04-01, benefit: participatiewet }
            events:
              - { type: advice_issued, date: 2015-03-01, result: positief }
              - { type: determined, date: {{determined}}, result: positief }
              - { type: banenafspraak_indication_granted, date: {{indication}} }
              - { type: banenafspraak_job_started, date: {{jobStarted}} }
              - { type: banenafspraak_job_ended, date: {{jobEnded}}, reason: not_sustainable }
            """);
        var lifecycle = decision.Outcomes.Single(o => o.Id == "levensloop");

        lifecycle.Value.ShouldBe("vastgesteld_doelgroep");
        lifecycle.Explanation.ShouldContain("is naar de lezing van deze regels een herbeoordeling door het college nodig");
        lifecycle.Explanation.ShouldContain("art. 10b schrijft haar niet met zoveel woorden voor");
        lifecycle.Explanation.ShouldNotContain("kan de vaststelling opnieuw beoordelen");
        lifecycle.Explanation.ShouldContain(citedText);
        decision.Findings.ShouldContain(f => f.Id == "herbeoordeling_vaststelling_nodig");
    }
}
