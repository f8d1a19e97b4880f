using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using OpenQA.Selenium;

namespace EligibilityEngine.Tests.Web;

/// <summary>A legal team reads the law in a real browser: the versions, one version's rules with their articles, and a
/// planned version that cannot be mistaken for the law in force; axe-core finds no WCAG 2.1 A/AA violation.</summary>
[Trait(Category.Name, Category.Browser)]
public sealed class LawPagesBrowserTests(RunningHost host) : IClassFixture<RunningHost>
{
    [Fact]
    public void A_lawyer_reads_the_versions_opens_one_and_finds_each_rule_with_its_condition_and_article()
    {
        using var browser = Browser.Start();
        browser.Open(new Uri(host.JsonAddress, "/regels"));

        browser.Driver.FindElement(By.TagName("h1")).Text.ShouldBe("De regels per versie");
        var rows = browser.Driver.FindElements(By.CssSelector("tbody tr"));
        rows.Count.ShouldBe(11);
        rows.Where(r => r.GetAttribute("class") == "gepland").Select(r => r.FindElement(By.CssSelector(".label")).Text).ShouldBe(["gepland", "gepland"]);
        rows[0].Text.ShouldContain("vanaf 1 januari 2015");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("regels");

        browser.Driver.FindElement(By.LinkText("Artikel 10b in de tekst van 2018 — de UWV-uitkeringen opgesomd")).Click();
        browser.Driver.FindElement(By.TagName("h1")).Text.ShouldBe("Artikel 10b in de tekst van 2018 — de UWV-uitkeringen opgesomd");
        browser.Driver.FindElements(By.CssSelector(".waarschuwing")).ShouldBeEmpty();
        var rule = browser.Driver.FindElement(By.Id("regel-ADV-C-ARBEIDSVERMOGEN")).FindElement(By.XPath(".."));
        rule.Text.ShouldContain("Voldaan: Betrokkene heeft arbeidsvermogen");
        rule.FindElement(By.CssSelector(".bron a")).GetAttribute("href")!.ShouldStartWith("https://wetten.overheid.nl/BWBR0035947/");
        browser.Driver.FindElements(By.CssSelector("section.regel")).Count.ShouldBe(RealRules.Library.Resolve("2018-01-01").Rules.Length);
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("regelset-2018-01-01");
    }

    [Fact]
    public void A_planned_version_says_it_is_not_law_in_force_before_anything_else()
    {
        using var browser = Browser.Start();
        browser.Open(new Uri(host.JsonAddress, "/regels/planned-simpel-switchen"));

        var warning = browser.Driver.FindElement(By.CssSelector("[role=note].waarschuwing"));
        warning.Text.ShouldStartWith("Geplande versie. Dit is nog geen geldend recht");
        browser.Driver.FindElement(By.CssSelector(".kenmerken")).Text.ShouldContain("gepland, nog geen datum");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("regelset-gepland");

        browser.Open(new Uri(host.JsonAddress, "/regels/bestaat-niet"));
        browser.Driver.PageSource.ShouldNotContain("Geplande versie");
    }
}
