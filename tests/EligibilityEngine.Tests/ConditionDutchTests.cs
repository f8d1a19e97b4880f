using EligibilityEngine.Tests.Support;
using EligibilityEngine.Text;

namespace EligibilityEngine.Tests;

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
    public void What_has_no_dutch_rendering_is_shown_as_written()
    {
        Dutch.Render("exists(advice_issued where result = 'positief')").ShouldBe("‘exists(advice_issued where result = 'positief')’");
    }

    [Fact]
    public void Every_rule_of_every_version_renders()
    {
        foreach (var version in RealRules.Library.Versions.Select(v => v.Version))
        {
            var dutch = new ConditionDutch(version);
            foreach (var rule in version.Rules) dutch.OfRule(rule.Id).ShouldNotBeNullOrWhiteSpace(rule.Id);
        }
    }
}
