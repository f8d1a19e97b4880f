using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Rules;

/// <summary>A decision cites the wording of the law in force on its peildatum, with the date in the link.</summary>
public sealed class CitationTests
{
    private static Decision Positive(DateOnly asOf)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "positief-advies.yaml"));
        var @case = file.Case with { Application = file.Case.Application with { Date = asOf.AddDays(-30) } };
        return RealRules.Library.Evaluate(@case, asOf, EvaluationOptions.Default);
    }

    [Theory]
    [InlineData("2017-02-24", "https://wetten.overheid.nl/BWBR0035947/2015-01-01#Artikel3", "https://wetten.overheid.nl/BWBR0015703/2017-01-01#Artikel10b")]
    [InlineData("2017-02-25", "https://wetten.overheid.nl/BWBR0035947/2017-02-25#Artikel3", "https://wetten.overheid.nl/BWBR0015703/2017-01-01#Artikel10b")]
    [InlineData("2017-12-31", "https://wetten.overheid.nl/BWBR0035947/2017-02-25#Artikel3", "https://wetten.overheid.nl/BWBR0015703/2017-01-01#Artikel10b")]
    [InlineData("2018-01-01", "https://wetten.overheid.nl/BWBR0035947/2017-02-25#Artikel3", "https://wetten.overheid.nl/BWBR0015703/2018-01-01#Artikel10b")]
    [InlineData("2022-06-30", "https://wetten.overheid.nl/BWBR0035947/2017-02-25#Artikel3", "https://wetten.overheid.nl/BWBR0015703/2018-01-01#Artikel10b")]
    [InlineData("2022-07-01", "https://wetten.overheid.nl/BWBR0035947/2022-07-01#Artikel3", "https://wetten.overheid.nl/BWBR0015703/2018-01-01#Artikel10b")]
    [InlineData("2026-06-01", "https://wetten.overheid.nl/BWBR0035947/2022-07-01#Artikel3", "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel10b")]
    public void The_advice_and_the_duty_cite_the_text_in_force_on_the_peildatum(string asOf, string adviceUrl, string dutyCriterionUrl)
    {
        var decision = Positive(DateOnly.Parse(asOf));

        decision.Outcome("advies").Citation!.Url.ShouldBe(adviceUrl);
        decision.Criterion("personenkring").Citation.Url.ShouldBe(dutyCriterionUrl);
    }

    [Theory]
    [InlineData("2017-01-31", "https://wetten.overheid.nl/BWBR0015703/2015-01-01#Artikel10d")]
    [InlineData("2017-02-01", "https://wetten.overheid.nl/BWBR0015703/2017-02-01#Artikel10d")]
    [InlineData("2023-06-30", "https://wetten.overheid.nl/BWBR0015703/2017-02-01#Artikel10d")]
    [InlineData("2023-07-01", "https://wetten.overheid.nl/BWBR0015703/2023-07-01#Artikel10d")]
    public void The_loonkostensubsidie_cites_article_10d_as_worded_on_the_peildatum(string asOf, string url)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "geplaatst-in-beschut-werk.yaml"));

        var decision = RealRules.Library.Evaluate(file.Case with { Events = [.. file.Case.Events.Select(e => e with { Date = e.Date.AddYears(-2) })] },
            DateOnly.Parse(asOf), EvaluationOptions.Default);

        decision.Outcome("loonkostensubsidie").Citation!.Url.ShouldBe(url);
    }
}
