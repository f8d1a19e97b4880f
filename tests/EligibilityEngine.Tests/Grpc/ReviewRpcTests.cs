using System.Net.Http.Json;
using System.Text.Json;
using EligibilityEngine.Grpc.V1;
using Google.Rpc;
using Grpc.Core;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>DiffRuleSets and ImpactAnalysis over a real socket.</summary>
public sealed class ReviewRpcTests(InProcessHost host) : IClassFixture<InProcessHost>
{
    private EligibilityService.EligibilityServiceClient Client => new(host.Channel);

    [Fact]
    public async Task DiffRuleSets_gives_each_changed_rule_with_its_fields_and_the_markdown()
    {
        var diff = await Client.DiffRuleSetsAsync(new DiffRuleSetsRequest { From = "2026-01-01", To = "planned-2028-forfaitaire-lks" });

        diff.NoChanges.ShouldBeFalse();
        diff.To.Planned.ShouldBeTrue();
        diff.ToEffectiveFrom.ShouldBeEmpty(); // "beoogd 2028": no day is named
        var added = diff.Rules.Single(r => r.Id == "LKS-FORFAITAIR");
        added.Kind.ShouldBe(ChangeKind.Added);
        added.Citation.ShouldBe("Kamerbrief 2 juli 2025, Kamerstukken II 2024/25, 34 352, nr. 341");
        var when = added.Fields.Single(f => f.Field == "when");
        when.HasBefore.ShouldBeFalse();
        when.After.ShouldBe("finding.werkt_in_beschut_werk");
        diff.Rules.Single(r => r.Id == "LKS-LOONWAARDE").Kind.ShouldBe(ChangeKind.Removed);
        diff.Parameters.Single().Fields.Single(f => f.Field == "value").After.ShouldBe("68%");
        diff.Markdown.ShouldContain("### Toegevoegd: `LKS-FORFAITAIR`");
    }

    [Fact]
    public async Task DiffRuleSets_of_a_version_with_itself_says_no_changes()
    {
        var diff = await Client.DiffRuleSetsAsync(new DiffRuleSetsRequest { From = "2019-06-01", To = "2018-01-01" });

        diff.NoChanges.ShouldBeTrue();
        diff.Rules.ShouldBeEmpty();
    }

    [Fact]
    public async Task DiffRuleSets_refuses_an_unknown_version_and_a_missing_one()
    {
        var unknown = await Should.ThrowAsync<RpcException>(() => Client.DiffRuleSetsAsync(new DiffRuleSetsRequest { From = "2017-01-01", To = "planned-nope" }).ResponseAsync);
        unknown.StatusCode.ShouldBe(StatusCode.NotFound);

        var missing = await Should.ThrowAsync<RpcException>(() => Client.DiffRuleSetsAsync(new DiffRuleSetsRequest { To = "2017-01-01" }).ResponseAsync);
        missing.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        missing.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.ShouldBe("from");
    }

    [Fact]
    public async Task ImpactAnalysis_over_the_server_side_sample_corpus_lists_the_flipped_cases()
    {
        using var call = Client.ImpactAnalysis();
        await call.RequestStream.WriteAsync(new ImpactAnalysisRequest { Settings = new ImpactSettings { From = "2026-01-01", To = "planned-simpel-switchen", Corpus = "samples" } });
        await call.RequestStream.CompleteAsync();
        var report = await call;

        report.Cases.ShouldBe(20);
        report.Changed.Select(c => c.Name).ShouldBe(["omzetting-banenafspraak.yaml", "omzetting-en-terugval-simpel-switchen.yaml", "omzetting-en-terugval.yaml"]);
        var status = report.Changed[2].Outcomes.Single();
        (status.Id, status.Before, status.After, status.RuleAfter).ShouldBe(("levensloop", "terugval_aanvraag_gedaan", "terugkeer_zonder_herbeoordeling", "LEV-TERUGKEER-ZONDER-HERBEOORDELING"));
        report.Changed[2].Rules.Single(r => r.Id == "LEV-TERUGVAL-AANVRAAG").Change.ShouldBe(ChangeKind.Removed);
        report.Markdown.ShouldContain("**3 van 20 beslissingen veranderen**");
    }

    [Fact]
    public async Task ImpactAnalysis_judges_streamed_cases_and_names_the_bad_field_of_a_bad_one()
    {
        ImpactCase Case(string name, string dateOfBirth) => new()
        {
            Name = name, AsOf = "2027-06-01",
            Case = new EligibilityEngine.Grpc.V1.Case
            {
                Person = new Person { DateOfBirth = dateOfBirth, HasWorkCapacity = true, SupervisionNeed = SupervisionLevel.Intensive, SupervisionBeyondEmployer = true, AdaptationsBeyondEmployer = true, Benefit = Benefit.Participatiewet, WswIndication = false },
                Application = new Application { Applicant = Applicant.Municipality, Date = "2027-01-04" },
                Municipality = new Municipality { Code = "GM0014" },
                // In a dienstbetrekking since 2027: only then is the loonkostensubsidie method relevant.
                Events =
                {
                    new Event { Type = EventType.AdviceIssued, Date = "2027-02-01", Result = AdviceResult.Positief },
                    new Event { Type = EventType.Placed, Date = "2027-04-01" },
                },
            },
        };

        using (var good = Client.ImpactAnalysis())
        {
            await good.RequestStream.WriteAsync(new ImpactAnalysisRequest { Settings = new ImpactSettings { From = "2026-01-01", To = "planned-2028-forfaitaire-lks" } });
            await good.RequestStream.WriteAsync(new ImpactAnalysisRequest { Case = Case("rij-1", "1990-01-01") });
            await good.RequestStream.CompleteAsync();
            var report = await good;
            report.Changed.Single().Outcomes.Single().ShouldSatisfyAllConditions(
                o => o.Id.ShouldBe("loonkostensubsidie"), o => o.Before.ShouldBe("loonwaardemeting_of_50_procent_eerste_zes_maanden"), o => o.After.ShouldBe("forfaitair"));
        }

        using var bad = Client.ImpactAnalysis();
        await bad.RequestStream.WriteAsync(new ImpactAnalysisRequest { Settings = new ImpactSettings { From = "2026-01-01", To = "planned-2028-forfaitaire-lks" } });
        await bad.RequestStream.WriteAsync(new ImpactAnalysisRequest { Case = Case("rij-1", "1990-01-01") });
        await bad.RequestStream.WriteAsync(new ImpactAnalysisRequest { Case = Case("rij-2", "1990-02-30") });
        await bad.RequestStream.CompleteAsync();
        var error = await Should.ThrowAsync<RpcException>(async () => await bad);
        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.ShouldBe("cases[1].case.person.date_of_birth");
    }

    [Fact]
    public async Task DiffRuleSets_is_served_as_json_on_the_json_port()
    {
        using var http = host.CreateHttp();

        var json = await http.GetFromJsonAsync<JsonElement>("/v1/regelsets/_diff?from=2024-01-01&to=2026-01-01");

        // The personenkring under 27 changed, and with it the admissibility of an own request and the LKS of art. 10d lid 2;
        // the AOW margin is a new finding; every rule citing art. 10b, 10d or 40 now cites their 2026 text (a changed
        // source only); the advice's criteria (Besluit advisering beschut werk) do not change.
        var rules = json.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        foreach (var changed in new[] { "PL-C-PERSONENKRING", "PL-C-LEEFTIJD", "LKS-LOONWAARDE", "ONT-PERSOON-BUITEN-PERSONENKRING", "LEV-F-VERHUISD" })
            rules[changed].GetProperty("kind").GetString().ShouldBe("CHANGE_KIND_CHANGED");
        rules["PL-F-AOW-LEEFTIJD-NIET-VASTGESTELD"].GetProperty("kind").GetString().ShouldBe("CHANGE_KIND_ADDED");
        rules["ONT-COLLEGE"].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ShouldBe(["source"]);
        rules.Keys.ShouldNotContain("ADV-C-ARBEIDSVERMOGEN");
        json.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "pw-10b-1-2026")
            .GetProperty("kind").GetString().ShouldBe("CHANGE_KIND_ADDED");
    }

    /// <summary>The changed words of a condition, as the CLI's JSON gives them (issue #24 point 10), through the JSON API.</summary>
    [Fact]
    public async Task DiffRuleSets_over_json_marks_the_changed_words_of_a_condition()
    {
        using var http = host.CreateHttp();

        var json = await http.GetFromJsonAsync<JsonElement>("/v1/regelsets/_diff?from=2026-01-01&to=planned-simpel-switchen");

        var when = json.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "LEV-F-GELDIG-POSITIEF")
            .GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "when");
        when.GetProperty("words").EnumerateArray().Select(w => (w.GetProperty("kind").GetString(), w.GetProperty("text").GetString())).ShouldBe(
        [
            ("WORD_CHANGE_SAME", "outcome.advies = 'positief' or finding.laatste_advies_positief and not "),
            ("WORD_CHANGE_REMOVED", "finding.advies_omgezet and not "),
            ("WORD_CHANGE_SAME", "finding.advies_beantwoord_door_negatieve_vaststelling and not finding.nieuwe_aanvraag_na_intrekking or finding.vastgesteld_doelgroep"),
        ]);
        // A field only one side has is not compared word by word.
        json.GetProperty("rules").EnumerateArray().SelectMany(r => r.GetProperty("fields").EnumerateArray())
            .Where(f => !f.TryGetProperty("before", out _) || !f.TryGetProperty("after", out _))
            .Where(f => f.TryGetProperty("words", out var words) && words.GetArrayLength() > 0).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_impact_analysis_in_one_json_request_names_the_decisions_that_change()
    {
        using var http = host.CreateHttp();

        using var response = await http.PostAsJsonAsync("/v1/impactanalyses",
            new { settings = new { from = "2026-01-01", to = "planned-simpel-switchen", corpus = "samples" } });

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("cases").GetInt32().ShouldBe(20);
        report.GetProperty("changed").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .ShouldBe(["omzetting-banenafspraak.yaml", "omzetting-en-terugval-simpel-switchen.yaml", "omzetting-en-terugval.yaml"]);
    }

    [Fact]
    public async Task An_impact_analysis_over_json_names_every_bad_case_field_by_its_json_path()
    {
        using var http = host.CreateHttp();

        using var response = await http.PostAsJsonAsync("/v1/impactanalyses", new
        {
            settings = new { from = "2017-01-01", to = "2018-01-01" },
            cases = new object[]
            {
                new { name = "goed", asOf = "2018-03-01", @case = new { person = new { hasWorkCapacity = true } } },
                new { name = "fout", asOf = "2018-13-01", @case = new { person = new { dateOfBirth = "1990-02-30" } } },
            },
        });

        var problem = await Support.ProblemBody.Read(response);
        problem.Status.ShouldBe(400);
        problem.InvalidParams.Keys.ShouldBe(["cases[1].asOf", "cases[1].case.person.dateOfBirth"], ignoreOrder: true);
        problem.InvalidParams["cases[1].asOf"].Code.ShouldBe("invalidDate");
    }
}
