using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Samples;

/// <summary>Every sample case gets the decision stored in it, and samples/README.md describes every sample.</summary>
public sealed class SampleTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Samples, "*.yaml").Order()) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_gets_the_decision_it_states(string name)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name));
        file.Expected.ShouldNotBeNull();
        var decision = RealRules.Library.Evaluate(file.Case, file.AsOf!.Value, EvaluationOptions.Default, file.Version);
        ExpectationCheck.Differences(decision, file.Expected).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_is_described_in_the_samples_readme(string name)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name));
        var line = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "samples", "README.md")).SingleOrDefault(l => l.StartsWith($"| `{name}` |"));
        line.ShouldNotBeNull();
        foreach (var (outcome, value) in file.Expected!.Outcomes.Where(o => line.Contains(o.Key == "gemeentelijke_plicht" ? "plicht" : o.Key)))
            line.ShouldContain($"`{value}`", customMessage: $"README states another {outcome} for {name}");
    }

    /// <summary>A description is what a labour expert reads above the example on /casus: no file names, options or
    /// paths for developers.</summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_description_is_for_a_labour_expert_not_a_developer(string name)
    {
        var description = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name)).Description;
        description.ShouldNotBeNullOrWhiteSpace();
        description.ShouldNotMatch(@"\.md\b|\.ya?ml\b|\.json\b|--|\w/\w+\.|\b(docs|rules|samples)/", $"{name} has developer text in its description");
    }

    [Fact]
    public void The_same_case_gives_three_legal_answers_on_two_dates_and_under_the_planned_version()
    {
        var @case = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml")).Case;
        var library = RealRules.Library;

        var in2016 = library.Evaluate(@case, new DateOnly(2016, 6, 1));
        var in2017 = library.Evaluate(@case, new DateOnly(2017, 6, 1));
        var planned = library.Evaluate(@case, new DateOnly(2017, 6, 1), version: "planned-simpel-switchen");

        // In June 2016 the indicatie banenafspraak is granted but the beschut dienstbetrekking has not ended yet (it ends on
        // 30 June): she is still placed, and a decision on the job and its subsidy is due.
        (in2016.RuleSet.Version, in2016.Outcome("levensloop").Value, in2016.Outcome("gemeentelijke_plicht").Value)
            .ShouldBe(("2015-01-01", "geplaatst", "reeds_geplaatst"));
        in2016.Findings.Select(f => f.Id).ShouldContain("besluit_dienstbetrekking_en_lks_nodig");
        (in2017.RuleSet.Version, in2017.Outcome("levensloop").Value, in2017.Outcome("advies").Value)
            .ShouldBe(("2017-02-25", "terugval_aanvraag_gedaan", "positief"));
        (planned.RuleSet.Version, planned.RuleSet.Planned, planned.Outcome("levensloop").Value, planned.Outcome("gemeentelijke_plicht").Value)
            .ShouldBe(("planned-simpel-switchen", true, "terugkeer_zonder_herbeoordeling", "vaststelling_door_college_nodig"));
        planned.Notices.ShouldContain(n => n.Contains("GEPLANDE regelset"));
        // The own request falls within twelve months of the conversion, but UWV gave no advice in those months: the
        // exception of BabW art. 3 lid 3 onder b does not apply, UWV investigates, and the decision names the open question.
        in2017.Outcome("advies").RuleId.ShouldBe("ADV-POSITIEF");
        in2017.Findings.ShouldContain(f => f.Id == "omzetting_geen_eerder_advies");
    }
}
