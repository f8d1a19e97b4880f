using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Review;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Review;

/// <summary>Impact of the real law changes on the sample corpus, checked case by case against what the law says.</summary>
public sealed class ImpactAnalysisTests
{
    private static readonly IReadOnlyList<NamedCase> Samples = CaseCorpus.Load(RepositoryPaths.Samples);

    private static ImpactReport Impact(string from, string to, string asOf = "case") =>
        ImpactAnalysis.Run(RealRules.Library.Engine, RealRules.Library.Resolve(from), RealRules.Library.Resolve(to), Samples, ImpactDates.Parse(asOf));

    [Fact]
    public void Simpel_switchen_changes_exactly_the_decisions_of_the_three_people_who_left_beschut_werk_for_the_banenafspraak()
    {
        var report = Impact("2026-01-01", "planned-simpel-switchen");

        report.Cases.ShouldBe(20);
        report.Changed.Select(c => c.Name).ShouldBe(["omzetting-banenafspraak.yaml", "omzetting-en-terugval-simpel-switchen.yaml", "omzetting-en-terugval.yaml"]);
        report.Unchanged.ShouldBe(17);

        // Converted to the banenafspraak and still working there: the advice is kept instead of converted (BabW ontwerp 2022).
        var working = report.Changed[0];
        working.Outcomes.ShouldContain(new ValueChange("levensloop", "advies_omgezet", "advies_behouden", "LEV-OMGEZET", "LEV-BEHOUDEN"));
        working.Outcomes.ShouldContain(new ValueChange("gemeentelijke_plicht", "geen_plicht_geen_positief_advies", "werkt_met_behoud_van_advies", "PL-GEEN-POSITIEF-ADVIES", "PL-WERKT-MET-BEHOUD"));

        // The banenafspraak job failed and the person asks again within 12 months of the conversion, with no advice of
        // UWV in those months: today a full investigation (BabW art. 3 lid 1, lid 3 onder b), which gives the same
        // positive advice as Simpel switchen's return without reassessment; only the levensloop differs.
        foreach (var fallBack in report.Changed.Skip(1))
        {
            fallBack.Outcomes.ShouldBe([new ValueChange("levensloop", "terugval_aanvraag_gedaan", "terugkeer_zonder_herbeoordeling", "LEV-TERUGVAL-AANVRAAG", "LEV-TERUGKEER-ZONDER-HERBEOORDELING")]);
            fallBack.Rules.ShouldContain(new ResponsibleRule("LEV-TERUGVAL-AANVRAAG", ChangeKind.Removed));
        }

        report.Transitions.ShouldNotContain(t => t.Outcome == "advies");
        // None of the three is in a beschut dienstbetrekking, so the loonkostensubsidie stays not applicable.
        report.Transitions.ShouldNotContain(t => t.Outcome == "loonkostensubsidie");
    }

    [Fact]
    public void The_forfaitaire_loonkostensubsidie_changes_the_method_for_exactly_the_cases_in_a_dienstbetrekking()
    {
        var report = Impact("2026-01-01", "planned-2028-forfaitaire-lks");

        // A positive advice alone does not make the subsidy relevant: only the person working in beschut werk changes.
        report.Changed.Select(c => c.Name).ShouldBe(["geplaatst-in-beschut-werk.yaml"]);
        report.Transitions.ShouldBe([new OutcomeTransition("loonkostensubsidie", "loonwaardemeting", "forfaitair", 1)]);
        report.Changed.ShouldAllBe(c => c.Outcomes.Count == 1 && c.Criteria.Count == 0);
    }

    [Fact]
    public void The_2026_text_replaces_the_education_test_for_persons_under_27_and_changes_only_their_decisions()
    {
        var report = Impact("2024-01-01", "2026-01-01");

        // Under 27 without a UWV benefit: until 2025 in the personenkring when unable to follow funded education (art. 7
        // lid 3 onder a), from 2026 only on the college's judgement (art. 7a lid 1 onder a), which these samples do not state.
        report.Changed.Select(c => c.Name).ShouldBe(["advies-te-laat.yaml", "eigen-aanvraag-2017.yaml", "jongere-onder-27-2026.yaml",
            "onvoldoende-gegevens.yaml", "positief-advies.yaml", "verhuizing.yaml"]);
        report.Changed.ShouldAllBe(c => c.Criteria.Single().Id == "personenkring");
        report.Changed.Single(c => c.Name == "jongere-onder-27-2026.yaml").Criteria.Single()
            .ShouldBe(new ValueChange("personenkring", "undetermined", "met", "PL-C-PERSONENKRING", "PL-C-PERSONENKRING"));
        report.Changed.Where(c => c.Name != "jongere-onder-27-2026.yaml")
            .ShouldAllBe(c => c.Criteria.Single().Before == "met" && c.Criteria.Single().After == "undetermined");
        ImpactMarkdown.Render(report).ShouldContain("**6 van 20 beslissingen veranderen**; 14 blijven gelijk.");
    }

    [Fact]
    public void The_2017_duty_turns_no_duty_before_2017_into_a_duty_for_the_cases_with_a_positive_advice_within_the_quota()
    {
        var report = Impact("2015-01-01", "2017-01-01");

        // With only an advice, the 2017 duty follows the college's determination; with a determination it holds at once
        // (the 2015 text owed a determined person a dienstbetrekking, without a number from a regulation). The positive
        // advice of the person who lost work capacity stands until someone decides otherwise: five cases, not four.
        report.Transitions.ShouldContain(new OutcomeTransition("gemeentelijke_plicht", "geen_plicht_voor_2017", "vaststelling_door_college_nodig", 5));
        report.Transitions.ShouldContain(new OutcomeTransition("gemeentelijke_plicht", "plicht_dienstbetrekking_na_vaststelling", "plicht_tot_aanbod", 1));
        // The own applications made in 2017, judged by the 2015 rules, were not admissible and got no advice at all;
        // under the text of 1 January 2017 they are assessed (the twelve-month rule only came on 25 February 2017).
        // The request to the college (verzoek-aan-college) too: under the 2015 text the college determined only ambtshalve.
        report.Transitions.ShouldContain(new OutcomeTransition("gemeentelijke_plicht", "geen_plicht_geen_positief_advies", "vaststelling_door_college_nodig", 4));
        report.Transitions.ShouldContain(new OutcomeTransition("advies", "geen_advies_niet_ontvankelijk", "positief", 4));
        report.Changed.Where(c => c.Outcomes.Any(o => o is { Id: "gemeentelijke_plicht", After: "plicht_tot_aanbod" })).Select(c => c.Name)
            .ShouldBe(["plicht-binnen-quotum.yaml"]);
        report.Changed.Single(c => c.Name == "quotum-bereikt-ander-aanbod.yaml").Outcomes
            .ShouldBe([new ValueChange("gemeentelijke_plicht", "geen_plicht_voor_2017", "geen_plicht_quotum_bereikt", "PL-2015-GEEN-PLICHT", "PL-QUOTUM-BEREIKT")]);
    }

    [Fact]
    public void Judging_each_version_on_its_own_effective_date_uses_those_dates()
    {
        var report = Impact("2015-01-01", "2017-01-01", "effective");

        report.Dates.ShouldBe("de dag waarop elke versie ingaat: 2015-01-01 en 2017-01-01");
        report.Changed.ShouldAllBe(c => c.FromAsOf == new DateOnly(2015, 1, 1) && c.ToAsOf == new DateOnly(2017, 1, 1));
    }

    [Fact]
    public void A_planned_version_without_a_date_cannot_be_judged_on_its_effective_date()
    {
        var error = Should.Throw<EvaluationException>(() => Impact("2026-01-01", "planned-simpel-switchen", "effective"));

        error.Message.ShouldContain("planned-simpel-switchen has no effective date yet");
    }

    [Fact]
    public void A_case_without_a_peildatum_is_reported_as_not_judged()
    {
        var cases = new[] { new NamedCase("zonder-peildatum", Samples[0].Case, null) };

        var report = ImpactAnalysis.Run(RealRules.Library.Engine, RealRules.Library.Resolve("2024-01-01"), RealRules.Library.Resolve("2026-01-01"), cases, ImpactDates.Parse("case"));

        report.Failed.ShouldBe([new FailedCase("zonder-peildatum", "de casus heeft geen peildatum (as_of): geef die in de casus, of een peildatum voor alle casussen (effective of een datum)")]);
        report.Unchanged.ShouldBe(0);
    }
}
