using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using OpenQA.Selenium;

namespace EligibilityEngine.Tests.Web;

/// <summary>A labour expert opens the example cases in a real browser and reads each decision: per outcome the value,
/// per criterion ✓ / ✗ / ?, the missing facts to ask for, and the rules' version, hash and engine.</summary>
[Trait(Category.Name, Category.Browser)]
public sealed class SampleCasePagesBrowserTests(RunningHost host) : IClassFixture<RunningHost>
{
    [Fact]
    public void Every_sample_shows_the_outcomes_it_expects_and_the_positive_advice_reads_by_keyboard()
    {
        using var browser = Browser.Start();
        browser.Open(new Uri(host.JsonAddress, "/casus"));
        var samples = Directory.GetFiles(RepositoryPaths.Samples, "*.yaml").Order(StringComparer.Ordinal).ToList();
        browser.Driver.FindElements(By.CssSelector(".voorbeelden a")).Count.ShouldBe(samples.Count);
        // The descriptions are for the expert: no command-line options or file names.
        browser.Texts(".voorbeelden li").ShouldAllBe(d => !d.Contains("--") && !d.Contains(".yaml") && !d.Contains(".csv"));
        browser.AccessibilityViolations().ShouldBeEmpty();

        // By keyboard: tab from the top of the page to the link of the positive advice and follow it.
        var body = browser.Driver.FindElement(By.TagName("body"));
        for (var i = 0; i < 400 && browser.Driver.SwitchTo().ActiveElement().Text != "positief-advies"; i++) body.SendKeys(Keys.Tab);
        browser.TypeToLoad(browser.Driver.SwitchTo().ActiveElement(), Keys.Enter);
        browser.Driver.FindElement(By.Id("uitkomst-advies")).Text.ShouldBe("Advies beschut werk: positief");
        browser.Driver.FindElements(By.CssSelector(".criterium")).Select(c => c.Text[..1]).ShouldBe(["✓", "✓", "✗", "✓", "✓"]);
        browser.Driver.FindElement(By.CssSelector(".kenmerken")).Text.ShouldContain(RealRules.Library.Resolve("2018-01-01").Reference.ContentHash);
        browser.Driver.FindElement(By.CssSelector(".kenmerken")).Text.ShouldContain("NRules 1.0.4");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-positief-advies");

        foreach (var path in samples)
        {
            var file = CaseReader.ReadFile(path);
            if (file.Expected is not { } expected) continue;
            var name = Path.GetFileNameWithoutExtension(path);
            browser.Open(new Uri(host.JsonAddress, "/casus?voorbeeld=" + name));
            foreach (var (outcome, value) in expected.Outcomes)
                browser.Driver.FindElement(By.CssSelector($"#uitkomst-{outcome} .waarde")).Text.ShouldBe(RealRules.Label(file.AsOf!.Value, outcome, value, file.Version), $"{name}: {outcome}");
        }
    }

    [Fact]
    public void A_case_with_unknown_facts_lists_the_facts_to_ask_for_and_marks_its_undetermined_criteria()
    {
        using var browser = Browser.Start();
        browser.Open(new Uri(host.JsonAddress, "/casus?voorbeeld=onvoldoende-gegevens"));

        var missing = browser.Driver.FindElements(By.CssSelector(".ontbrekend li"));
        missing.ShouldNotBeEmpty();
        browser.Driver.FindElements(By.CssSelector(".criterium")).ShouldContain(c => c.Text.StartsWith('?'));
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-onvoldoende-gegevens");

        browser.Open(new Uri(host.JsonAddress, "/casus?voorbeeld=bestaat-niet"));
        browser.Driver.FindElements(By.CssSelector(".uitkomst")).ShouldBeEmpty();
    }
}
