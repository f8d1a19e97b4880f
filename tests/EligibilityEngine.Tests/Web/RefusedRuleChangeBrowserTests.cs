using EligibilityEngine.Host;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace EligibilityEngine.Tests.Web;

/// <summary>A rule change the running host refused is seen on /regels in a real browser, before the versions it goes on
/// serving, with its errors as <c>eligibility validate</c> gives them (issue #24 point 12); axe-core finds no WCAG 2.1
/// A/AA violation.</summary>
[Trait(Category.Name, Category.Browser)]
public sealed class RefusedRuleChangeBrowserTests : IDisposable
{
    private readonly TempRuleSet _rules = new();

    public RefusedRuleChangeBrowserTests() => RepositoryCopy.Rules(_rules.Path);

    public void Dispose() => _rules.Dispose();

    [Fact]
    public async Task A_refused_rule_change_is_announced_on_the_law_page_above_the_rules_still_served()
    {
        await using var host = await RunningHost.StartAsync(_rules.Path);
        var holder = host.Services.GetRequiredService<RuleLibraryHolder>();
        var file = Path.Combine(_rules.Path, "2026-01-01.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("title: Personenkring", "titel: Personenkring"));
        await HostLifecycleTests.Eventually(() => holder.LastFailure is not null);

        using var browser = Browser.Start();
        browser.Open(new Uri(host.JsonAddress, "/regels"));

        var alert = browser.Driver.FindElement(By.CssSelector("[role=alert]"));
        alert.FindElement(By.TagName("h2")).Text.ShouldBe("Een wijziging van de regelbestanden is geweigerd");
        alert.Text.ShouldContain("eligibility validate");
        var errors = alert.FindElements(By.TagName("li")).Select(e => e.Text).ToList();
        errors.Count.ShouldBe(Math.Min(10, holder.LastFailure!.Errors.Count));
        errors.ShouldAllBe(e => e.StartsWith("2026-01-01.yaml:"));
        errors.ShouldContain(e => e.Contains("titel"));
        // Seen first, above the versions the host still serves.
        var versions = browser.Driver.FindElement(By.TagName("table"));
        alert.Location.Y.ShouldBeLessThan(versions.Location.Y);
        browser.Driver.FindElements(By.CssSelector("tbody tr")).Count.ShouldBe(11);
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("regels-wijziging-geweigerd");
    }
}
