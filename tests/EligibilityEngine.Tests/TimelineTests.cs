using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests;

/// <summary>The levensloop: every event judged on its own date under the version in force on that date.</summary>
public sealed class TimelineTests
{
    private static Facts.Case Case => CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml")).Case;

    private static string Steps(Decision decision) =>
        string.Join("; ", decision.Timeline.Select(s => $"{s.Date:yyyy-MM-dd} {string.Join("+", s.Events)} {s.Value} {s.Version}"));

    [Fact]
    public void Each_event_is_judged_under_the_version_in_force_on_its_date()
    {
        var decision = RealRules.Library.Evaluate(Case, new DateOnly(2017, 6, 1));

        Steps(decision).ShouldBe(
            "2015-09-01 advice_issued advies_positief 2015-01-01; " +
            "2015-11-01 placed geplaatst 2015-01-01; " +
            "2016-05-01 banenafspraak_indication_granted geplaatst 2015-01-01; " +
            "2016-06-30 left advies_omgezet 2015-01-01; " +
            "2016-07-01 banenafspraak_job_started advies_omgezet 2015-01-01; " +
            "2017-02-28 banenafspraak_job_ended terugval_nieuwe_aanvraag_nodig 2017-02-25");
        // The step judged under the 2015 text names the college as the only applicant; the job's end in 2017 names both,
        // and the request to the college itself (art. 10b lid 1 "ambtshalve of op verzoek", from 2017).
        decision.Timeline[^1].Explanation.ShouldContain("het college of betrokkene zelf vraagt UWV");
        decision.Timeline[^1].Explanation.ShouldContain("\"ambtshalve of op verzoek\"");
        // On the peildatum the new application the job's end called for has been made (15 March 2017, after it).
        decision.Outcome("levensloop").Value.ShouldBe("terugval_aanvraag_gedaan");
        decision.Outcome("levensloop").Explanation.ShouldContain("op de aanvraag van 15 maart 2017 is nog niet beslist, en zij is ontvankelijk");
    }

    [Theory]
    [InlineData(EngineKind.Compiled)]
    [InlineData(EngineKind.NRules)]
    public void Each_step_says_what_a_decision_on_its_date_says(EngineKind kind)
    {
        var library = RealRules.Library.With(DecisionEngines.Create(kind));
        var decision = library.Evaluate(Case, new DateOnly(2017, 6, 1));

        decision.Timeline.Count.ShouldBe(6);
        foreach (var step in decision.Timeline)
        {
            // A step renders only the timeline outcome's text; it must be the text of a full decision on that date.
            var onItsDate = library.Evaluate(Case, step.Date, EvaluationOptions.Default with { Timeline = false }).Outcome(step.Outcome);
            step.Explanation.ShouldNotBeNullOrWhiteSpace();
            (step.Value, step.ValueLabel, step.Explanation).ShouldBe((onItsDate.Value, onItsDate.ValueLabel, onItsDate.Explanation));
        }
    }

    [Fact]
    public void A_version_asked_for_by_name_judges_every_event_and_says_it_is_planned()
    {
        var decision = RealRules.Library.Evaluate(Case, new DateOnly(2017, 6, 1), version: "planned-simpel-switchen");

        decision.Timeline.ShouldAllBe(s => s.Version == "planned-simpel-switchen" && s.Planned);
        decision.Timeline.Single(s => s.Date == new DateOnly(2016, 5, 1)).Value.ShouldBe("advies_behouden");
        decision.Timeline[^1].Value.ShouldBe("terugkeer_zonder_herbeoordeling");
    }

    [Fact]
    public void Events_after_the_peildatum_are_not_in_the_timeline() =>
        RealRules.Library.Evaluate(Case, new DateOnly(2016, 6, 1)).Timeline.Select(s => s.Date).Max().ShouldBe(new DateOnly(2016, 5, 1));

    [Fact]
    public void The_minimal_options_leave_the_timeline_out() =>
        RealRules.Library.Evaluate(Case, new DateOnly(2017, 6, 1), EvaluationOptions.Minimal).Timeline.ShouldBeEmpty();

    [Fact]
    public void A_cancelled_caller_stops_the_levensloop_between_dates()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() => RealRules.Library.Evaluate(Case, new DateOnly(2017, 6, 1), cancellation: cancelled.Token));
    }

    [Fact]
    public void A_history_in_reverse_order_is_judged_as_in_date_order()
    {
        var reversed = Case with { Events = Case.Events.Reverse().ToList() };

        RealRules.Library.Evaluate(reversed, new DateOnly(2017, 6, 1)).Outcomes
            .ShouldBe(RealRules.Library.Evaluate(Case, new DateOnly(2017, 6, 1)).Outcomes);
    }
}
