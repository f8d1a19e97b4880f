using EligibilityEngine.Cases;
using EligibilityEngine.Facts;
using EligibilityEngine.Host.Web.Forms;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Web;

/// <summary>
/// A labour expert types a six-event history with the keyboard only (issue #24 point 3): every key and every page load
/// is counted, so the cost of entering a long case is a figure, written to the test output, not an impression (the
/// figures before and after are in README.md, "Pages for people").
/// </summary>
[Trait(Category.Name, Category.Browser)]
public sealed class HistoryByKeyboardBrowserTests(RunningHost host, ITestOutputHelper output) : IClassFixture<RunningHost>
{
    [Fact]
    public void A_six_event_history_is_entered_by_keyboard_and_judged_as_the_engine_judges_it()
    {
        var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));
        var events = sample.Case.Events;
        events.Count.ShouldBe(6);
        var expected = RealRules.Library.Evaluate(Case.Empty with { Events = events }, sample.AsOf!.Value).Outcome("levensloop").ValueLabel;

        using var browser = Browser.Start();
        browser.Open(new Uri(host.JsonAddress, "/casus"));
        var keys = new Keyboard(browser);
        keys.TabTo(CaseForm.Id(CaseForm.AsOfField));
        keys.Type(Keys.Control + "a", counted: 2);
        keys.Type(sample.AsOf.Value.ToString("dd-MM-yyyy"));
        for (var i = 0; i < events.Count; i++)
        {
            keys.TabTo("gebeurtenis-toevoegen");
            keys.EnterInPlace(); // the page's script adds the row where it is (without script: a page load, CaseFormPostTests)
            var row = (string key) => CaseForm.Id(CaseForm.EventName(i, key));
            keys.ActiveId.ShouldBe(row("type"), "the new row has the focus");
            Shown(browser, i).ShouldBe(["type", "date"], "no kind chosen yet: no details");
            var e = events[i];
            keys.Type(Choice(FactModel.EventTypes, FactModel.EventTypeSyntax.Write(e.Type)));
            // Only the details of the kind chosen show (docs/case-format.md, "Events").
            Shown(browser, i).ShouldBe(["type", "date", .. FactModel.EventTypeFields[e.Type]]);
            foreach (var field in FactModel.EventFields.Values)
            {
                if (field.ValueIn(e) is not { } value) continue;
                keys.TabTo(row(field.Key));
                keys.Type(field.Type.Domain is { } domain ? Choice(domain, field.Syntax.Write(value)) : field.Syntax.Write(value));
            }
        }

        keys.TabTo("beoordelen");
        keys.EnterToLoad();
        browser.Driver.FindElement(By.CssSelector("#uitkomst-levensloop .waarde")).Text.ShouldBe(expected);
        browser.Texts(".levensloop tbody tr").Count.ShouldBe(events.Select(e => e.Date).Distinct().Count());
        output.WriteLine($"six events by keyboard: {keys.Count} keys, of which {keys.Tabs} Tab, and {keys.Loads} page loads");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-zes-gebeurtenissen");
    }

    /// <summary>The keys of the fields of event row <paramref name="index"/> that are on screen, in page order.</summary>
    private static IReadOnlyList<string> Shown(Browser browser, int index) =>
        browser.Driver.FindElements(By.CssSelector($"#groep-geschiedenis fieldset.rij:nth-of-type({index + 1}) .veld"))
            .Where(v => v.Displayed).Select(v => v.FindElement(By.CssSelector("input, select")).GetAttribute("name")!.Split('.').Last()).ToList();

    /// <summary>What a person types on a list to choose a code: the shortest start of its label that no other label has.</summary>
    private static string Choice(CodeDomain domain, string code)
    {
        var label = domain.DutchLabels[domain.IndexOf(code)];
        var length = Enumerable.Range(1, label.Length).First(n => domain.DutchLabels.Count(l => l.StartsWith(label[..n], StringComparison.Ordinal)) == 1);
        return label[..length];
    }

    /// <summary>Keys sent to whatever has the focus, counted as a person presses them.</summary>
    private sealed class Keyboard(Browser browser)
    {
        public int Count { get; private set; }

        public int Tabs { get; private set; }

        public int Loads { get; private set; }

        public string ActiveId => browser.Driver.SwitchTo().ActiveElement().GetAttribute("id") ?? "";

        private IWebElement Active => browser.Driver.SwitchTo().ActiveElement();

        /// <summary>Tab until the element with <paramref name="id"/> has the focus (a button by its value).</summary>
        public void TabTo(string id)
        {
            for (var i = 0; i < 300 && ActiveId != id && Active.GetAttribute("value") != id; i++)
            {
                Active.SendKeys(Keys.Tab);
                Count++;
                Tabs++;
            }

            (ActiveId == id || Active.GetAttribute("value") == id).ShouldBeTrue($"Tab reaches {id}");
        }

        /// <param name="counted">Keys pressed, where <paramref name="text"/> is a chord (Ctrl+A is two).</param>
        public void Type(string text, int? counted = null)
        {
            Active.SendKeys(text);
            Count += counted ?? text.Length;
        }

        /// <summary>Enter on a button that changes the page where it is: no page load.</summary>
        public void EnterInPlace()
        {
            var page = browser.Driver.FindElement(By.TagName("html"));
            Active.SendKeys(Keys.Enter);
            Count++;
            page.TagName.ShouldBe("html", "the page did not load again"); // a stale element throws
        }

        public void EnterToLoad()
        {
            browser.TypeToLoad(Active, Keys.Enter);
            Count++;
            Loads++;
        }
    }
}
