using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace EligibilityEngine.Tests.Web;

/// <summary>A legal team reads what a law change changes: the semantic diff of two versions and the decisions of the
/// configured corpus that flip, the same content as <c>eligibility diff</c> and <c>eligibility impact</c>.</summary>
[Trait(Category.Name, Category.Browser)]
public sealed class DiffPageBrowserTests(RunningHost host) : IClassFixture<RunningHost>
{
    [Fact]
    public void The_diff_page_shows_each_changed_rule_and_the_decisions_that_flip()
    {
        var library = RealRules.Library;
        var from = library.Versions.Single(v => v.Version.Version == "2017-02-25");
        var to = library.Versions.Single(v => v.Version.Version == "planned-simpel-switchen");
        var diff = RuleSetDiff.Compare(from, to);
        var report = ImpactAnalysis.Run(library.Engine, from, to, CaseCorpus.Load(RepositoryPaths.Samples), new ImpactDates(ImpactDates.Mode.Case));
        report.Changed.ShouldNotBeEmpty("the planned version must change a sample's decision for this test to mean anything");

        using var browser = Browser.Start();
        browser.Open(new Uri(host.JsonAddress, "/regels/verschil"));
        browser.Driver.FindElements(By.CssSelector(".wijziging")).ShouldNotBeEmpty("it opens on the last two versions in force");
        new SelectElement(browser.Driver.FindElement(By.Id("van"))).SelectByValue("2017-02-25");
        new SelectElement(browser.Driver.FindElement(By.Id("naar"))).SelectByValue("planned-simpel-switchen");
        new SelectElement(browser.Driver.FindElement(By.Id("corpus"))).SelectByValue("samples");
        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector(".verschil-keuze button")));

        var items = diff.Rules.Concat(diff.Parameters).Concat(diff.Outcomes).Concat(diff.Sources).ToList();
        browser.Driver.FindElements(By.CssSelector(".wijziging")).Select(e => e.GetAttribute("aria-label"))
            .ShouldBe(items.Select(i => $"{DiffMarkdown.Kind(i.Kind)}: {i.Id}"));
        browser.Driver.FindElement(By.CssSelector(".waarschuwing[role=note]")).Text.ShouldContain("geen geldend recht");
        // The impact comes first: how many decisions change, from what to what, in the rule files' Dutch words.
        var sections = browser.Driver.FindElements(By.CssSelector("main section[aria-labelledby]")).Select(e => e.GetAttribute("aria-labelledby")).ToList();
        sections.ShouldBe(["gevolgen", "wijzigingen", "veranderd"]);
        browser.Driver.FindElement(By.CssSelector("#gevolgen + .samenvatting")).Text
            .ShouldStartWith($"{report.Changed.Count} van {report.Cases} beslissingen veranderen");
        browser.Driver.FindElements(By.CssSelector(".overgangen tbody tr")).Select(r => r.Text).ShouldBe(report.Transitions.Select(t =>
            $"{report.Names.Title(t.Outcome)} {report.Names.Label(t.Outcome, t.Before)} {report.Names.Label(t.Outcome, t.After)} {t.Cases}"));
        report.Transitions.ShouldContain(t => report.Names.Label(t.Outcome, t.After) != t.After, "a label must differ from its code for this to show anything");
        browser.Driver.FindElements(By.CssSelector(".veranderd h3")).Select(e => e.Text).ShouldBe(report.Changed.Select(c => c.Name));

        // The changed words of a condition are marked, and say so to a screen reader; the explanation reads as prose.
        var rule = diff.Rules.First(r => r.Kind == ChangeKind.Changed && r.Fields.Any(f => f.Field == "when" && f.Words!.Any(w => w.Kind == WordChange.Removed)));
        var when = rule.Fields.Single(f => f.Field == "when").Words!;
        var row = browser.Driver.FindElement(By.CssSelector($".wijziging[aria-label='Gewijzigd: {rule.Id}'] tbody"))
            .FindElements(By.CssSelector("tr")).Single(r => r.FindElement(By.CssSelector("th")).Text == "Voorwaarde");
        row.FindElements(By.CssSelector("td:nth-of-type(1) code del")).Select(d => d.GetAttribute("textContent"))
            .ShouldBe(when.Where(w => w.Kind == WordChange.Removed).Select(w => $"[vervalt: {w.Marked}]"));
        row.FindElements(By.CssSelector("td:nth-of-type(2) code ins")).Select(d => d.GetAttribute("textContent"))
            .ShouldBe(when.Where(w => w.Kind == WordChange.Added).Select(w => $"[nieuw: {w.Marked}]"));
        row.FindElements(By.CssSelector("td:nth-of-type(1) del")).First().GetCssValue("text-decoration-line").ShouldBe("line-through");
        var explanation = browser.Driver.FindElements(By.CssSelector(".wijziging-changed tbody tr"))
            .First(r => r.FindElement(By.CssSelector("th")).Text.StartsWith("Uitleg", StringComparison.Ordinal));
        explanation.FindElements(By.CssSelector("code")).ShouldBeEmpty();
        explanation.FindElements(By.CssSelector("ins, del")).ShouldNotBeEmpty();
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("regels-verschil");
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].scrollIntoView()", row);
        browser.Screenshot("regels-verschil-woorden");
    }
}
