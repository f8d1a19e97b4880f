using EligibilityEngine.RuleSets;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Text;

namespace EligibilityEngine.Tests.Text;

/// <summary>A rule's condition in Dutch (issue #24 point 6): from the condition's structure and the version's and fact
/// model's labels; what has no Dutch rendering is shown as written, never paraphrased.</summary>
public sealed class ConditionDutchTests
{
    private static readonly ConditionDutch Dutch = new(RealRules.Library.Resolve("2018-01-01").Version);

    [Fact]
    public void Criteria_and_or_read_as_dutch_with_the_grouping_of_the_condition()
    {
        Dutch.Render("criterion.arbeidsvermogen and (criterion.begeleiding or not criterion.aanpassingen)")
            .ShouldBe("criterium ‘Arbeidsvermogen’ is voldaan en (criterium ‘Permanent toezicht of intensieve begeleiding die een werkgever " +
                      "niet binnen redelijke grenzen kan bieden’ is voldaan of criterium ‘Technische of organisatorische aanpassingen die een " +
                      "werkgever niet binnen redelijke grenzen kan realiseren’ is niet voldaan)");
    }

    [Fact]
    public void Facts_read_by_their_label_and_codes_by_their_dutch_label()
    {
        Dutch.Render("application.applicant = 'municipality'").ShouldBe("aanvrager is ‘het college (ambtshalve)’");
        Dutch.Render("application.applicant is unknown and application.date is unknown").ShouldBe("aanvrager is onbekend en datum van de aanvraag is onbekend");
        Dutch.Render("person.wsw_indication and person.wsw_supported_work_possible = false")
            .ShouldBe("Wsw-indicatie: ja en Wsw: in staat tot begeleid werken is nee");
        Dutch.Render("application.date < 2017-01-01").ShouldBe("datum van de aanvraag ligt vóór 1 januari 2017");
    }

    [Fact]
    public void Quantifiers_over_the_history_and_the_functions_read_as_dutch()
    {
        Dutch.Render("not exists(advice_issued where result = 'positief' and date >= add_months(application.date, -param.reapplication_months))")
            .ShouldStartWith("er is geen gebeurtenis ‘advies beschut werk gegeven’ waarbij uitkomst (positief of negatief) is ‘positief’ en datum ligt op of na datum van de aanvraag min ");
        Dutch.Render("count(employees) < first_known(municipality.quota, param.quota[municipality.code, year(case.as_of)])")
            .ShouldStartWith("het aantal dienstbetrekkingen beschut werk bij de gemeente is minder dan aantal te realiseren dienstbetrekkingen volgens de gemeente (of, als dat onbekend is, ");
        Dutch.Render("age(person.date_of_birth, case.as_of) >= 27").ShouldBe("de leeftijd in jaren op de peildatum bij geboortedatum is ten minste 27");
    }

    [Fact]
    public void What_has_no_dutch_rendering_is_shown_as_written()
    {
        Dutch.Render("criterion.arbeidsvermogen and frobnicate(person.date_of_birth) > 3").ShouldBe("criterium ‘Arbeidsvermogen’ is voldaan en ‘frobnicate(person.date_of_birth)’ is meer dan 3");
    }

    [Fact]
    public void Every_rule_of_every_version_renders()
    {
        foreach (var version in RealRules.Library.Versions.Select(v => v.Version))
        {
            var dutch = new ConditionDutch(version);
            foreach (var rule in version.Rules) dutch.OfRule(rule.Id).ShouldNotBeNull(rule.Id).Parts.ShouldAllBe(part => part.Length > 0);
        }
    }

    [Fact]
    public void A_condition_that_is_an_or_at_the_top_lists_the_parts_of_which_one_must_hold()
    {
        var valid = Dutch.OfRule("LEV-F-GELDIG-POSITIEF").ShouldNotBeNull();
        valid.All.ShouldBeFalse();
        valid.Parts.Count.ShouldBe(3);
        valid.Parts[2].ShouldBe("bevinding ‘vastgesteld doelgroep’ geldt");
        DutchTerms.Condition(EligibilityEngine.Decisions.Truth.False, valid.Parts.Count, valid.All).ShouldBe("Voorwaarde niet vervuld; één van de onderdelen moet gelden:");
        Dutch.OfRule("ADV-POSITIEF").ShouldNotBeNull().All.ShouldBeTrue();
    }

    [Fact]
    public void A_conclusion_reads_by_the_titles_and_value_labels_of_the_version()
    {
        Dutch.Conclusion(new(ConclusionKind.Outcome, "advies", "geen_aanvraag")).ShouldBe("uitkomst ‘Advies beschut werk’: geen aanvraag");
        Dutch.Conclusion(new(ConclusionKind.Criterion, "arbeidsvermogen", null)).ShouldBe("criterium ‘Arbeidsvermogen’");
        // A finding has no title in the rule files: its Dutch id, in words.
        Dutch.Conclusion(new(ConclusionKind.Finding, "advies_omgezet", null)).ShouldBe("bevinding ‘advies omgezet’");
    }

    /// <summary>Where a person reads a decision's steps, no conclusion is named by a code (issue #24 point 2).</summary>
    [Fact]
    public void No_conclusion_of_any_version_is_named_by_a_code()
    {
        foreach (var set in RealRules.Library.Versions)
        {
            var dutch = new ConditionDutch(set.Version);
            foreach (var rule in set.Rules) dutch.Conclusion(rule.Conclusion).ShouldNotContain("_", customMessage: $"{set.Version.Version} {rule.Definition.Id}");
        }
    }
}
