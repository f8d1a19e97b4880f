using System.Net;
using System.Text.RegularExpressions;
using EligibilityEngine.Cases;
using EligibilityEngine.Host.Web.Forms;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Text;

namespace EligibilityEngine.Tests.Web;

/// <summary>The case form posted over a real socket as a browser posts it: a large case keeps everything typed, and a
/// post beyond what a case can hold is told why in Dutch (issue #22: a case file of 150 events, then any button, gave a
/// bare 400 "Ongeldige invoer." and lost the case).</summary>
[Trait(Category.Name, Category.Process)]
public sealed class CaseFormPostTests(RunningHost host) : IClassFixture<RunningHost>
{
    [Theory]
    [InlineData(150)]
    [InlineData(CaseForm.MaxRows)]
    public async Task A_case_with_a_long_history_keeps_every_value_when_a_button_is_pressed(int events)
    {
        using var http = host.CreateHttp(null);
        var values = await FormOfAsync(http, events);

        using var page = await http.PostAsync("/casus", new FormUrlEncodedContent([.. values, new("actie", "gebeurtenis-toevoegen")]));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain($"name=\"event_count\" value=\"{events + 1}\"");
        // Without script the page comes back with the new row's kind focused (with script it is added in place).
        html.ShouldMatch($"<select id=\"{CaseForm.Id(CaseForm.EventName(events, "type"))}\"[^>]*autofocus");
        var lastDate = CaseForm.EventName(events - 1, "date");
        html.ShouldContain($"name=\"{lastDate}\" value=\"{values.Single(v => v.Key == lastDate).Value}\"");
    }

    [Fact]
    public async Task A_post_with_more_fields_than_a_case_can_hold_is_told_why_in_dutch()
    {
        using var http = host.CreateHttp(null);
        var values = await FormOfAsync(http, 1);
        var padding = Enumerable.Range(0, CaseForm.MaxPostedValues).Select(i => new KeyValuePair<string, string>($"x{i}", ""));

        using var page = await http.PostAsync("/casus", new FormUrlEncodedContent([.. values, .. padding, new("actie", "beoordelen")]));

        page.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Het formulier is te groot om te lezen");
        html.ShouldContain($"ten hoogste {DutchFormat.Number(CaseForm.MaxRows)} gebeurtenissen");
        html.ShouldNotContain("uitkomst");
    }

    /// <summary>The anti-forgery token of a page the host served, and the fields of a sample case whose history is
    /// repeated to <paramref name="events"/> events, as the form posts them.</summary>
    private static async Task<List<KeyValuePair<string, string>>> FormOfAsync(HttpClient http, int events)
    {
        var empty = await http.GetStringAsync("/casus");
        var token = Regex.Match(empty, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeEmpty();

        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));
        var history = file.Case.Events;
        var form = CaseForm.From(file with { Case = file.Case with { Events = [.. Enumerable.Range(0, events).Select(i => history[i % history.Count])] } },
            new DateOnly(2020, 1, 1));
        return
        [
            new("__RequestVerificationToken", token), new(CaseForm.AsOfField, form.AsOf), new("event_count", form.EventCount.ToString()),
            new("employee_count", form.EmployeeCount.ToString()),
            .. form.FieldNames().Select(n => new KeyValuePair<string, string>(n, form.Value(n))),
            .. form.Unknown.Select(n => new KeyValuePair<string, string>(n + ".onbekend", "ja")),
        ];
    }
}
