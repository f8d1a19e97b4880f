using EligibilityEngine.Diagnostics;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests;

/// <summary>The version in force on a date is chosen on the boundaries exactly; planned versions only by name.</summary>
public sealed class VersionSelectionTests
{
    private static RuleLibrary Library => RealRules.Library;

    [Theory]
    [InlineData("2015-01-01", "2015-01-01")]
    [InlineData("2016-12-31", "2015-01-01")]
    [InlineData("2017-01-01", "2017-01-01")]
    [InlineData("2017-01-02", "2017-01-01")]
    [InlineData("2017-01-31", "2017-01-01")]
    [InlineData("2017-02-01", "2017-02-01")]
    [InlineData("2017-02-24", "2017-02-01")]
    [InlineData("2017-02-25", "2017-02-25")]
    [InlineData("2017-12-31", "2017-02-25")]
    [InlineData("2018-01-01", "2018-01-01")]
    [InlineData("2022-06-30", "2018-01-01")]
    [InlineData("2022-07-01", "2022-07-01")]
    [InlineData("2023-06-30", "2022-07-01")]
    [InlineData("2023-07-01", "2023-07-01")]
    [InlineData("2023-12-31", "2023-07-01")]
    [InlineData("2024-01-01", "2024-01-01")]
    [InlineData("2025-12-31", "2024-01-01")]
    [InlineData("2026-01-01", "2026-01-01")]
    [InlineData("2030-06-01", "2026-01-01")]
    public void The_version_in_force_on_the_date_applies(string asOf, string version) =>
        Library.Select(DateOnly.Parse(asOf)).Version.Version.ShouldBe(version);

    [Fact]
    public void A_date_before_the_first_version_is_a_clear_error_not_a_default()
    {
        var error = Should.Throw<EvaluationException>(() => Library.Select(new DateOnly(2014, 12, 31)));
        error.Message.ShouldBe("no version of rule set beschut-werk is in force on 2014-12-31: the first version takes effect on 2015-01-01");
    }

    [Fact]
    public void Planned_versions_are_never_applied_by_default_even_after_their_planned_date() =>
        Library.Select(new DateOnly(2028, 6, 1)).Version.Planned.ShouldBeFalse();

    [Fact]
    public void A_planned_version_is_applied_when_asked_for_by_name_and_the_decision_says_so()
    {
        var decision = Library.Evaluate(Facts.Case.Empty, new DateOnly(2027, 1, 1), version: "planned-simpel-switchen");

        decision.RuleSet.Planned.ShouldBeTrue();
        decision.Notices[0].ShouldStartWith("LET OP: dit besluit gebruikt de GEPLANDE regelset 'planned-simpel-switchen'");
    }

    [Fact]
    public void A_version_can_be_pinned_by_a_prefix_of_its_content_hash()
    {
        var hash = Library.Select(new DateOnly(2018, 1, 1)).Reference.ContentHash;
        Library.Select(new DateOnly(2030, 1, 1), hash[..10]).Version.Version.ShouldBe("2018-01-01");
    }

    [Theory]
    [InlineData("2016-06-01", "Participatiewet art. 10b lid 1–3 (tekst 2015)")]
    [InlineData("2017-06-01", "Participatiewet art. 10b (Stb. 2016, 519)")]
    [InlineData("2018-06-01", "Participatiewet art. 10b (tekst 2018)")]
    public void A_rule_inherited_from_2015_cites_the_text_in_force_on_the_date(string asOf, string citation)
    {
        var @case = Facts.Case.Empty with { Application = new Facts.Application(Facts.Applicant.Municipality, new DateOnly(2016, 5, 1)) };
        Library.Evaluate(@case, DateOnly.Parse(asOf)).Outcome("ontvankelijkheid").Citation!.Text.ShouldBe(citation);
    }

    [Fact]
    public void An_unknown_pinned_version_is_named_in_the_error() =>
        Should.Throw<VersionNotFoundException>(() => Library.Select(new DateOnly(2018, 1, 1), "2019-01-01"))
            .Message.ShouldStartWith("no version '2019-01-01' in rule set beschut-werk");
}
