using EligibilityEngine.Cases;
using EligibilityEngine.Host.Web.Forms;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace EligibilityEngine.Tests.Web;

/// <summary>
/// A labour expert enters a case of their own in a real browser: by keyboard, with facts left onbekend, with mistakes,
/// with a history to edit, compared on two dates, under a planned version, and saved as a file, a rule test and a print.
/// What the page shows is checked against what the engine decides for the same facts.
/// </summary>
[Trait(Category.Name, Category.Browser)]
public sealed class CaseFormBrowserTests(RunningHost host) : IClassFixture<RunningHost>
{
    private static string Id(string name) => CaseForm.Id(name);

    private Uri Page(string path) => new(host.JsonAddress, path);

    [Fact]
    public void A_positive_case_typed_in_by_keyboard_gets_a_positive_advice_with_its_reasons()
    {
        using var browser = Browser.Start();
        browser.Open(Page("/casus"));
        browser.AccessibilityViolations().ShouldBeEmpty();
        // A legal question names its article next to it.
        browser.Driver.FindElement(By.CssSelector($"label[for='{Id("person.supervision_beyond_employer")}']")).Text
            .ShouldBe("begeleiding niet binnen redelijke grenzen door een werkgever te bieden (BabW art. 3 lid 1 onder b)");

        var asOf = browser.ById(Id("as_of"));
        asOf.Clear();
        asOf.SendKeys("2018-03-01");
        browser.ById(Id("person.date_of_birth")).SendKeys("1994-05-17");
        // Typing a value unticks the fact's "onbekend" (the page's only script); the value is what counts.
        browser.ById(Id("person.date_of_birth") + "-onbekend").Selected.ShouldBeFalse();
        // A select takes the first letters of the option typed on it, as a keyboard user chooses.
        browser.ById(Id("person.has_work_capacity")).SendKeys("ja");
        browser.ById(Id("person.supervision_need")).SendKeys("permanent");
        browser.ById(Id("person.adaptation_need")).SendKeys("beperkt");
        browser.ById(Id("person.supervision_beyond_employer")).SendKeys("ja");
        browser.ById(Id("person.adaptations_beyond_employer")).SendKeys("nee");
        browser.ById(Id("person.benefit")).SendKeys("bijstand");
        browser.ById(Id("person.wsw_indication")).SendKeys("nee");
        browser.ById(Id("application.applicant")).SendKeys("het");
        browser.ById(Id("application.date")).SendKeys("2018-01-08");
        browser.ById(Id("application.new_facts_stated")).SendKeys("nee");
        var code = browser.ById(Id("municipality.code"));
        code.SendKeys("GM0014");
        browser.TypeToLoad(code, Keys.Enter); // Enter in a field submits the form with its first button: "Beoordeel deze casus"

        browser.ById("uitkomst-advies").Text.ShouldBe("Advies beschut werk: positief");
        browser.ById("uitkomst-ontvankelijkheid").FindElement(By.ClassName("waarde")).Text.ShouldBe("ontvankelijk");
        browser.Texts(".criterium").Select(c => c[..1]).Take(3).ShouldBe(["✓", "✓", "✗"]);
        // Why: the positive advice's own rule is listed with the facts it read, and the criteria's rules with theirs.
        var why = browser.Driver.FindElement(By.CssSelector("section[aria-labelledby=uitkomst-advies] details"));
        why.FindElement(By.TagName("summary")).Click();
        why.Text.ShouldContain("ADV-POSITIEF");
        why.Text.ShouldContain("van toepassing");
        // In Dutch, which condition held, from the rule's own condition (engine/Text/ConditionDutch).
        var rule = why.FindElements(By.CssSelector(".stap")).Single(s => s.Text.StartsWith("ADV-POSITIEF", StringComparison.Ordinal));
        rule.FindElement(By.ClassName("voorwaarde")).Text.ShouldBe("Voorwaarde vervuld; alle onderdelen moeten gelden:");
        // Each part marked with whether it held for this case.
        rule.FindElements(By.CssSelector(".onderdelen li")).Select(p => p.Text).ShouldBe([
            "✓ criterium ‘Arbeidsvermogen’ is voldaan (geldt)",
            "✓ criterium ‘Permanent toezicht of intensieve begeleiding die een werkgever niet binnen redelijke grenzen kan bieden’ is voldaan of " +
            "criterium ‘Technische of organisatorische aanpassingen die een werkgever niet binnen redelijke grenzen kan realiseren’ is voldaan (geldt)"]);
        browser.Driver.ExecuteScript("arguments[0].scrollIntoView()", why);
        browser.Screenshot("casus-waarom");
        var supervision = browser.Driver.FindElement(By.CssSelector(".criterium[data-criterium=begeleiding] details"));
        supervision.FindElement(By.TagName("summary")).Click();
        // A fact read is named by the form's label, its path beside it for whoever looks it up.
        supervision.Text.ShouldContain("benodigde begeleiding = permanent toezicht (person.supervision_need)");
        // The form keeps what was typed, so the case can be changed and judged again.
        browser.ById(Id("person.date_of_birth")).GetAttribute("value").ShouldBe("1994-05-17");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-eigen-invoer");
    }

    /// <summary>Issue #24 points 2 and 6: "waarom" names outcomes and criteria by their Dutch titles and values by their
    /// labels, never by a code, and marks which part of a rule's condition failed.</summary>
    [Fact]
    public void Why_speaks_in_titles_and_labels_and_marks_the_part_of_a_condition_that_failed()
    {
        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=negatief-regulier-werk"));
        foreach (var summary in browser.Driver.FindElements(By.CssSelector("details.waarom summary"))) summary.Click();

        var steps = browser.Driver.FindElements(By.CssSelector(".stap"));
        steps.Count.ShouldBeGreaterThan(20);
        // What a person reads of a step: all of it but the rule id (a link) and a fact's path (shown beside its label).
        var texts = (IReadOnlyCollection<object>)browser.Driver.ExecuteScript("""
            return [...document.querySelectorAll('.stap')].map(s => {
              const c = s.cloneNode(true);
              c.querySelectorAll('a > code, .pad').forEach(e => e.remove());
              return c.textContent;
            });
            """)!;
        texts.Cast<string>().ShouldAllBe(t => !System.Text.RegularExpressions.Regex.IsMatch(t, @"\w_\w"), "no step names a code");

        var positive = steps.Single(s => s.Text.StartsWith("ADV-POSITIEF", StringComparison.Ordinal));
        positive.Text.ShouldStartWith("ADV-POSITIEF → uitkomst ‘Advies beschut werk’: positief: niet van toepassing");
        positive.FindElement(By.ClassName("voorwaarde")).Text.ShouldBe("Voorwaarde niet vervuld; alle onderdelen moeten gelden:");
        positive.FindElements(By.CssSelector(".onderdelen li .teken")).Select(m => m.Text).ShouldBe(["✓", "✗"]);
        positive.FindElements(By.CssSelector(".onderdelen li")).Last().Text.ShouldEndWith("(geldt niet)");
        // Every list of parts agrees with its rule's result, in three-valued logic: parts that must all hold and one of
        // which failed make a rule that does not apply; one unknown part and none failed, a rule that cannot be told.
        var marked = steps.Where(s => s.FindElements(By.CssSelector(".onderdelen .teken")).Count > 0).ToList();
        marked.Count.ShouldBeGreaterThan(5);
        foreach (var step in marked)
        {
            var marks = step.FindElements(By.CssSelector(".onderdelen .teken")).Select(m => m.Text).ToList();
            var all = step.FindElement(By.ClassName("voorwaarde")).Text.Contains("alle onderdelen");
            var agrees = (step.FindElement(By.TagName("strong")).Text, all) switch
            {
                ("van toepassing", true) => marks.All(m => m == "✓"),
                ("van toepassing", false) => marks.Contains("✓"),
                ("niet van toepassing", true) => marks.Contains("✗"),
                ("niet van toepassing", false) => marks.All(m => m == "✗"),
                _ => marks.Contains("?") && !marks.Contains(all ? "✗" : "✓"),
            };
            agrees.ShouldBeTrue(step.Text);
        }

        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Driver.ExecuteScript("arguments[0].scrollIntoView()", positive);
        browser.Screenshot("casus-waarom-onderdelen");
    }

    [Fact]
    public void The_missing_facts_say_in_titles_what_each_decides()
    {
        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=onvoldoende-gegevens"));
        var missing = browser.Driver.FindElements(By.CssSelector(".ontbrekend > li"));
        missing.Count.ShouldBe(2);
        foreach (var fact in missing)
        {
            fact.Text.ShouldContain("bepaalt criterium ");
            fact.Text.ShouldContain("Advies beschut werk");
            // The path in brackets is the one code, for whoever looks it up.
            var path = fact.FindElement(By.TagName("code")).Text;
            fact.Text.Replace(path, "").ShouldNotContain("_");
        }
    }

    [Fact]
    public void A_fact_left_onbekend_is_listed_as_missing_and_its_link_leads_to_its_field()
    {
        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=onvoldoende-gegevens"));
        browser.Texts(".ontbrekend li").Count.ShouldBe(2);

        var link = browser.Driver.FindElements(By.CssSelector(".ontbrekend a.vul-aan"))
            .Single(a => a.GetAttribute("href")!.EndsWith("#" + Id("person.supervision_need"), StringComparison.Ordinal));
        link.Click(); // a link within the page: nothing loads
        var field = browser.ById(Id("person.supervision_need"));
        ((string)browser.Driver.ExecuteScript("return location.hash")!).ShouldBe("#" + Id("person.supervision_need"));
        // The field and its label, which stands above it, are on screen.
        var label = browser.Driver.FindElement(By.CssSelector($"label[for='{Id("person.supervision_need")}']"));
        ((bool)browser.Driver.ExecuteScript(
                "const [a, b] = [arguments[0].getBoundingClientRect(), arguments[1].getBoundingClientRect()]; return a.top >= 0 && b.bottom <= innerHeight;", label, field)!)
            .ShouldBeTrue("the field the link leads to is on screen with its label");
        new SelectElement(field).SelectedOption.Text.ShouldBe("onbekend");

        field.SendKeys("intensief");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());
        browser.Texts(".ontbrekend li").ShouldHaveSingleItem().ShouldContain("person.adaptation_need");
        browser.Driver.FindElement(By.CssSelector(".criterium[data-criterium=begeleiding]")).Text[..1].ShouldBe("✓");
        browser.AccessibilityViolations().ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_fields_get_their_messages_all_at_once_and_every_value_stays_and_nothing_is_logged_or_recorded()
    {
        var logs = new CapturedLogs();
        await using var logging = await RunningHost.StartLoggingAsync(logs);
        using var browser = Browser.Start();
        browser.Open(new Uri(logging.JsonAddress, "/casus?voorbeeld=positief-advies"));

        var applied = browser.ById(Id("application.date"));
        applied.Clear();
        applied.SendKeys("31-02-2018");
        var code = browser.ById(Id("municipality.code"));
        code.Clear();
        code.SendKeys("Grunn");
        var wage = browser.ById(Id("person.wage_value_percent"));
        wage.Clear();
        wage.SendKeys("135");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());

        browser.Driver.FindElements(By.CssSelector(".uitkomst")).ShouldBeEmpty("nothing is judged while a field is wrong");
        browser.Driver.FindElement(By.CssSelector(".foutoverzicht h2")).Text.ShouldBe("3 velden zijn niet goed ingevuld");
        Message(browser, "application.date").ShouldBe("Fout: Schrijf een datum die bestaat, als dd-mm-jjjj of jjjj-mm-dd, bijvoorbeeld 08-01-2018.");
        Message(browser, "municipality.code").ShouldBe("Fout: Schrijf de CBS-gemeentecode (GM en vier cijfers, zoals GM0014) of een naam uit de keuzelijst; staat de gemeente daar niet in, schrijf dan de code.");
        Message(browser, "person.wage_value_percent").ShouldStartWith("Fout: Schrijf een getal van 0 tot en met 100");
        browser.ById(Id("application.date")).GetAttribute("aria-invalid").ShouldBe("true");
        browser.ById(Id("application.date")).GetAttribute("aria-describedby")!.ShouldContain(Id("application.date") + "-fout");

        browser.ById(Id("application.date")).GetAttribute("value").ShouldBe("31-02-2018");
        browser.ById(Id("municipality.code")).GetAttribute("value").ShouldBe("Grunn");
        browser.ById(Id("person.date_of_birth")).GetAttribute("value").ShouldBe("1994-05-17");
        new SelectElement(browser.ById(Id("person.supervision_need"))).SelectedOption.Text.ShouldBe("permanent toezicht");
        browser.ById(Id("municipality.employees[0].count")).GetAttribute("value").ShouldBe("52");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-fouten");

        // The summary's links lead to the fields.
        browser.Driver.FindElements(By.CssSelector(".foutoverzicht a")).Select(a => a.GetAttribute("href")![(a.GetAttribute("href")!.IndexOf('#') + 1)..])
            .ShouldBe([Id("person.wage_value_percent"), Id("application.date"), Id("municipality.code")], "in the order of the form");
        browser.Texts(".foutoverzicht a")[1].ShouldBe("Datum van de aanvraag: Schrijf een datum die bestaat, als dd-mm-jjjj of jjjj-mm-dd, bijvoorbeeld 08-01-2018.");

        // Corrected, the case is judged; neither the facts nor the decision went into a log or the audit log.
        applied = browser.ById(Id("application.date"));
        applied.Clear();
        applied.SendKeys("2018-01-08");
        code = browser.ById(Id("municipality.code"));
        code.Clear();
        code.SendKeys("GM0014");
        wage = browser.ById(Id("person.wage_value_percent"));
        wage.Clear();
        wage.SendKeys("35");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());
        browser.ById("uitkomst-advies").FindElement(By.ClassName("waarde")).Text.ShouldBe("positief");
        logs.Lines.ShouldNotBeEmpty();
        foreach (var typed in new[] { "1994-05-17", "8-1-2018", "Grunn", "2018-01-08" })
            logs.Lines.ShouldNotContain(l => l.Contains(typed, StringComparison.Ordinal), $"'{typed}' was written to a log");
        await using var store = await EligibilityEngine.Audit.DecisionStores.OpenAsync(logging.AuditStore);
        (await store.CountAsync()).ShouldBe(0, "a tried case is not a decision about a person: the page records nothing");
    }

    /// <summary>The field's message as a screen reader reads it, "Fout: " included.</summary>
    private static string Message(Browser browser, string name) =>
        string.Join(' ', browser.ById(Id(name) + "-fout").GetDomProperty("textContent")!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void The_history_takes_events_added_changed_and_removed_and_shows_the_levensloop()
    {
        var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));
        var events = sample.Case.Events;
        var withoutLast = sample.Case with { Events = events.Take(events.Count - 1).ToList() };
        var expectedWithout = RealRules.Library.Evaluate(withoutLast, sample.AsOf!.Value).Outcome("levensloop").ValueLabel;
        var expectedWith = RealRules.Library.Evaluate(sample.Case, sample.AsOf!.Value).Outcome("levensloop").ValueLabel;
        expectedWithout.ShouldNotBe(expectedWith, "the last event must matter for this test to mean anything");

        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=omzetting-en-terugval"));
        browser.Texts(".levensloop tbody tr").Count.ShouldBe(events.Select(e => e.Date).Distinct().Count());
        Outcome(browser, "levensloop").ShouldBe(expectedWith);

        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector($"button[value='gebeurtenis-verwijderen-{events.Count - 1}']")));
        browser.Driver.FindElements(By.CssSelector("#groep-geschiedenis fieldset.rij")).Count.ShouldBe(events.Count - 1);
        browser.Driver.SwitchTo().ActiveElement().GetAttribute("value").ShouldBe("gebeurtenis-toevoegen", "the page comes back at the history");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());
        Outcome(browser, "levensloop").ShouldBe(expectedWithout);

        // Added back by hand: kind, date and reason as the sample has them. The page's script adds the row in place.
        var before = browser.Driver.FindElement(By.TagName("h1"));
        browser.Driver.FindElement(By.CssSelector("button[value='gebeurtenis-toevoegen']")).Click();
        before.Text.ShouldNotBeEmpty("the page did not load again"); // a stale element throws
        browser.Driver.FindElements(By.CssSelector("#groep-geschiedenis fieldset.rij")).Count.ShouldBe(events.Count);
        var last = events[^1];
        var row = events.Count - 1;
        browser.Driver.SwitchTo().ActiveElement().GetAttribute("id").ShouldBe(Id($"events[{row}].type"), "the new row has the focus");
        browser.Driver.FindElement(By.CssSelector($"label[for='{Id($"events[{row}].type")}']")).Text.ShouldBe("wat er gebeurde");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-gebeurtenis-toegevoegd");
        new SelectElement(browser.ById(Id($"events[{row}].type"))).SelectByValue(EligibilityEngine.Facts.CodeNames.ToCode(last.Type.ToString()));
        browser.ById(Id($"events[{row}].date")).SendKeys(last.Date.ToString("yyyy-MM-dd"));
        new SelectElement(browser.ById(Id($"events[{row}].reason"))).SelectByValue(EligibilityEngine.Facts.CodeNames.ToCode(last.Reason!.Value.ToString()));
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).Last());
        Outcome(browser, "levensloop").ShouldBe(expectedWith);
        browser.Texts(".levensloop tbody tr").Last().ShouldContain("baan banenafspraak beëindigd");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-levensloop");
    }

    [Fact]
    public void A_missing_quota_row_says_which_number_is_missing_and_leads_to_the_field_for_it()
    {
        var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "positief-advies.yaml"));
        var asOf = new DateOnly(2019, 6, 1);
        RealRules.Library.Evaluate(sample.Case, asOf).MissingFacts.Select(m => m.Path).ShouldContain("param.quota[GM0014, 2019]", "2019 has no table rows");
        var stated = sample.Case with { Municipality = sample.Case.Municipality with { Quota = 70 } };
        var expected = RealRules.Library.Evaluate(stated, asOf);

        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=positief-advies"));
        var date = browser.ById(Id("as_of"));
        date.Clear();
        date.SendKeys("01-06-2019");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());

        var row = browser.Driver.FindElements(By.CssSelector(".ontbrekend li")).Single(li => li.Text.Contains("param.quota[GM0014, 2019]"));
        var advice = row.FindElement(By.ClassName("tabelrij"));
        advice.Text.ShouldContain("Het getal voor GM0014, 2019 staat niet in de tabel quota van deze installatie.");
        advice.Text.ShouldContain("U mag het zelf invullen, bij aantal te realiseren dienstbetrekkingen volgens de gemeente.");
        advice.Text.ShouldContain("eligibility quota import");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Driver.ExecuteScript("arguments[0].scrollIntoView()", row);
        browser.Screenshot("casus-quotum-ontbreekt");

        advice.FindElement(By.TagName("a")).Click();
        ((string)browser.Driver.ExecuteScript("return location.hash")!).ShouldBe("#" + Id("municipality.quota"));
        browser.ById(Id("municipality.quota")).SendKeys("70");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());
        browser.Texts(".ontbrekend li").ShouldNotContain(m => m.Contains("param.quota"));
        Outcome(browser, "gemeentelijke_plicht").ShouldBe(expected.Outcome("gemeentelijke_plicht").ValueLabel);
        expected.Outcome("gemeentelijke_plicht").Status.ShouldNotBe(EligibilityEngine.Decisions.OutcomeStatus.Undetermined);
    }

    [Fact]
    public void A_municipality_is_chosen_by_its_name_and_the_case_holds_its_code_and_numbers_show_the_dutch_way()
    {
        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=omzetting-en-terugval"));
        // The shipped list of the peildatum's year (reference/gemeenten) offers the names, each writing its code.
        var code = browser.ById(Id("municipality.code"));
        code.GetAttribute("list").ShouldBe("gemeenten");
        browser.Driver.FindElement(By.CssSelector("#gemeenten option[value='GM0014']")).GetAttribute("textContent").ShouldBe("Groningen");
        code.Clear();
        code.SendKeys("groningen");
        var hours = browser.ById(Id("events[1].hours_per_week"));
        hours.Clear();
        hours.SendKeys("24,5");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());

        browser.Driver.FindElements(By.CssSelector(".foutoverzicht")).ShouldBeEmpty();
        browser.ById(Id("municipality.code")).GetAttribute("value").ShouldBe("GM0014");
        browser.ById(Id("events[1].hours_per_week")).GetAttribute("value").ShouldBe("24,5");
        var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));
        var events = sample.Case.Events.ToList();
        events[1] = events[1] with { HoursPerWeek = 24.5m };
        var decision = RealRules.Library.Evaluate(sample.Case with { Events = events }, sample.AsOf!.Value);
        foreach (var o in decision.Outcomes) Outcome(browser, o.Id).ShouldBe(o.ValueLabel);
        browser.AccessibilityViolations().ShouldBeEmpty();

        // A row of employees added comes back with its first field focused, as an event row does (issue #24 point 3).
        var rows = browser.Driver.FindElements(By.CssSelector("#groep-municipality fieldset.rij")).Count;
        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("button[value='medewerkers-toevoegen']")));
        browser.Driver.FindElements(By.CssSelector("#groep-municipality fieldset.rij")).Count.ShouldBe(rows + 1);
        var focused = browser.Driver.SwitchTo().ActiveElement();
        focused.GetAttribute("id").ShouldBe(Id(CaseForm.EmployeeName(rows, "count")), "the new row has the focus");
        ((bool)browser.Driver.ExecuteScript("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", focused)!)
            .ShouldBeTrue("the focused field is on screen");
    }

    private static string Outcome(Browser browser, string id) => browser.Driver.FindElement(By.CssSelector($"#uitkomst-{id} .waarde")).Text;

    [Fact]
    public void The_same_case_on_two_dates_is_compared_side_by_side_with_what_differs_marked()
    {
        var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));
        var second = new DateOnly(2016, 1, 1);
        var first = RealRules.Library.Evaluate(sample.Case, sample.AsOf!.Value);
        var other = RealRules.Library.Evaluate(sample.Case, second);
        var differing = first.Outcomes.Where(o => other.Outcome(o.Id).Value != o.Value).Select(o => o.Id).ToList();
        differing.ShouldNotBeEmpty("the two dates must differ for this test to mean anything");

        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=omzetting-en-terugval"));
        browser.ById(Id("compare_as_of")).SendKeys("2016-01-01");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).Last());

        var table = browser.Driver.FindElement(By.CssSelector(".vergelijking table"));
        foreach (var o in first.Outcomes)
        {
            var cells = table.FindElement(By.CssSelector($"tr[data-id='{o.Id}']")).FindElements(By.CssSelector("td .waarde")).Select(c => c.Text).ToList();
            cells.ShouldBe([o.ValueLabel, other.Outcome(o.Id).ValueLabel], o.Id);
        }

        table.FindElements(By.CssSelector("tr.verschil")).Select(r => r.GetAttribute("data-id")).ShouldBe(differing);
        browser.Driver.FindElement(By.CssSelector(".vergelijking h3")).Text.ShouldContain("1 januari 2016");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-vergelijking");
    }

    [Fact]
    public void A_planned_version_chosen_in_the_form_is_marked_as_not_law_in_force()
    {
        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=omzetting-en-terugval"));
        new SelectElement(browser.ById(Id("version"))).SelectByValue("planned-simpel-switchen");
        browser.ClickToLoad(browser.Driver.FindElements(By.CssSelector("button.hoofdknop")).First());

        var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));
        var decision = RealRules.Library.Evaluate(sample.Case, sample.AsOf!.Value, version: "planned-simpel-switchen");
        decision.Notices.ShouldNotBeEmpty();
        browser.Texts(".beslissing .waarschuwing[role=note]").ShouldBe(decision.Notices);
        browser.Driver.FindElement(By.CssSelector(".beslissing .kenmerken")).Text.ShouldContain("gepland, geen geldend recht");
        Outcome(browser, "levensloop").ShouldBe(decision.Outcome("levensloop").ValueLabel);
        new SelectElement(browser.ById(Id("version"))).SelectedOption.Text.ShouldStartWith("GEPLAND");
        browser.AccessibilityViolations().ShouldBeEmpty();
        browser.Screenshot("casus-gepland");
    }

    [Fact]
    public void The_case_downloads_as_a_case_file_and_as_a_rule_test_that_passes_and_a_file_loads_back()
    {
        var downloads = Directory.CreateTempSubdirectory("ee-downloads-").FullName;
        try
        {
            using var browser = Browser.Start(downloads);
            browser.Open(Page("/casus?voorbeeld=verhuizing"));
            browser.Driver.FindElement(By.CssSelector("button[value=yaml]")).Click(); // a download: the page stays
            // Kept apart, so that the folder holds only the rule test read below.
            var caseFile = Path.Combine(Directory.CreateTempSubdirectory("ee-case-").FullName, "casus.yaml");
            File.Move(WaitForFile(Path.Combine(downloads, "casus.yaml")), caseFile);
            var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "verhuizing.yaml"));
            var downloaded = CaseReader.ReadFile(caseFile);
            CaseYamlWriter.Write(downloaded.Case, downloaded.AsOf).ShouldBe(CaseYamlWriter.Write(sample.Case with { CaseId = null }, sample.AsOf));

            browser.ById("test-bron").SendKeys("Pw art. 10b lid 1");
            browser.Driver.FindElement(By.CssSelector("button[value=regeltest]")).Click();
            var testFile = WaitForFile(Path.Combine(downloads, "regeltest.yaml"));
            var tests = RuleTestRunner.Load(downloads);
            var test = tests.ShouldHaveSingleItem();
            test.Name.ShouldBe("verhuizing");
            test.Source.ShouldBe("Pw art. 10b lid 1");
            RuleTestRunner.Run(RealRules.Library, test).Failures.ShouldBeEmpty();
            test.Expected.Outcomes.Count.ShouldBe(RealRules.Library.Evaluate(sample.Case, sample.AsOf!.Value).Outcomes.Count);

            // The downloaded file loads back into the form, and a broken one is refused with line and column.
            browser.Open(Page("/casus"));
            browser.ById("bestand").SendKeys(caseFile);
            browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("form.laden button")));
                foreach (var (outcome, value) in sample.Expected!.Outcomes) Outcome(browser, outcome).ShouldBe(RealRules.Label(sample.AsOf!.Value, outcome, value));
            browser.ById(Id("person.date_of_birth")).GetAttribute("value").ShouldBe(sample.Case.Person.DateOfBirth!.Value.ToString("yyyy-MM-dd"));

            File.Delete(testFile);
            var broken = Path.Combine(downloads, "kapot.yaml");
            File.WriteAllText(broken, "person:\n  date_of_birth: 1990-13-45\n  benefit: bijstand\n");
            browser.ById("bestand").SendKeys(broken);
            browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("form.laden button")));
            // Where the person is looking: at the top of the page, with the focus, in Dutch, with line and column.
            browser.Driver.SwitchTo().ActiveElement().GetAttribute("id").ShouldBe("bestand-fouten");
            browser.ById("bestand-fouten").Location.Y.ShouldBeLessThan(browser.ById("casusformulier").Location.Y);
            browser.ById("bestand-fouten").FindElement(By.TagName("h2")).Text.ShouldBe("Het bestand is niet gelezen");
            var errors = browser.Texts("#bestand-fouten li");
            errors.ShouldContain(e => e.StartsWith("kapot.yaml, regel 2, kolom 18: Geboortedatum: Schrijf een datum die bestaat, als jjjj-mm-dd", StringComparison.Ordinal));
            errors.ShouldContain(e => e.StartsWith("kapot.yaml, regel 3, kolom 12: Uitkering: Schrijf een van de codes: participatiewet voor bijstand (Participatiewet), none voor geen uitkering", StringComparison.Ordinal));
            browser.AccessibilityViolations().ShouldBeEmpty();
            browser.Screenshot("casus-bestand-fout");
        }
        finally
        {
            Directory.Delete(downloads, recursive: true);
        }
    }

    private static string WaitForFile(string path)
    {
        for (var i = 0; i < 100 && !File.Exists(path); i++) Thread.Sleep(100);
        File.Exists(path).ShouldBeTrue($"the browser saved {Path.GetFileName(path)}");
        return path;
    }

    [Fact]
    public void The_print_view_is_a_clean_A4_page_with_the_version_and_hash()
    {
        using var browser = Browser.Start();
        browser.Open(Page("/casus?voorbeeld=onvoldoende-gegevens"));
        browser.ClickToLoad(browser.Driver.FindElement(By.CssSelector("button[value=afdrukken]")));

        browser.Driver.FindElements(By.TagName("form")).ShouldBeEmpty();
        browser.Driver.FindElements(By.TagName("nav")).ShouldBeEmpty();
        browser.Driver.FindElements(By.TagName("details")).ShouldBeEmpty();
        var decision = RealRules.Library.Evaluate(CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "onvoldoende-gegevens.yaml")).Case, new DateOnly(2019, 5, 1));
        browser.Driver.FindElement(By.CssSelector(".kenmerken .hash")).Text.ShouldBe(decision.RuleSet.ContentHash);
        // The facts with the form's Dutch labels and values as a person reads them, no keys of the case format.
        var facts = browser.Texts(".feiten tbody tr");
        facts.ShouldContain("Geboortedatum 3 november 1992");
        facts.ShouldNotContain(f => f.Contains('_'));
        decision.MissingFacts.ShouldNotBeEmpty();
        browser.Texts(".ontbrekend li").Count.ShouldBe(decision.MissingFacts.Count, "the print lists what is still to be asked");
        browser.AccessibilityViolations().ShouldBeEmpty();

        // On paper a citation keeps its address.
        browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "print" });
        var citation = browser.Driver.FindElement(By.CssSelector(".bron a[href^='http']"));
        ((string)browser.Driver.ExecuteScript("return getComputedStyle(arguments[0], '::after').content", citation)!)
            .ShouldBe($"\" ({citation.GetAttribute("href")})\"");
        browser.Screenshot("afdruk-onvoldoende-gegevens-papier");

        var pdf = browser.Driver.Print(new PrintOptions { PageDimensions = new PrintOptions.PageSize { Width = 21.0, Height = 29.7 } });
        var bytes = Convert.FromBase64String(pdf.AsBase64EncodedString);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "afdruk-onvoldoende-gegevens.pdf"), bytes);
        browser.Screenshot("afdruk-onvoldoende-gegevens");
    }
}
