using EligibilityEngine.Grpc.V1;
using Grpc.Core;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>EvaluateBatch, ListRuleSets and GetRuleSet over a real socket.</summary>
public sealed class BatchAndRuleSetRpcTests(InProcessHost host) : IClassFixture<InProcessHost>
{
    private EligibilityService.EligibilityServiceClient Client => new(host.Channel);

    private static EvaluateRequest Request(string id, string asOf, bool capacity) => new()
    {
        CorrelationId = id,
        AsOf = asOf,
        Case = new EligibilityEngine.Grpc.V1.Case
        {
            Person = new Person { HasWorkCapacity = capacity, SupervisionNeed = SupervisionLevel.Intensive, SupervisionBeyondEmployer = true, AdaptationsBeyondEmployer = true, Benefit = Benefit.Participatiewet, WswIndication = false },
            Application = new Application { Applicant = Applicant.Municipality, Date = "2019-01-07", NewFactsStated = false },
        },
    };

    [Fact]
    public async Task A_bad_item_in_a_batch_gets_an_error_result_and_the_stream_goes_on()
    {
        using var call = Client.EvaluateBatch();
        await call.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = Request("a", "2019-03-01", capacity: true) });
        await call.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = Request("b", "2019-31-01", capacity: true) });
        await call.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = Request("c", "2019-03-01", capacity: false) });
        await call.RequestStream.CompleteAsync();
        var results = await call.ResponseStream.ReadAllAsync().ToListAsync();

        results.Select(r => r.CorrelationId).ShouldBe(["a", "b", "c"]);
        results[0].Decision.Outcomes.Single(o => o.Id == "advies").Value.ShouldBe("positief");
        results[1].Error.Code.ShouldBe("INVALID_ARGUMENT");
        results[1].Error.FieldViolations.Single().Field.ShouldBe("as_of");
        results[1].Error.FieldViolations.Single().Reason.ShouldBe("INVALID_DATE");
        results[2].Decision.Outcomes.Single(o => o.Id == "advies").Value.ShouldBe("negatief");
    }

    [Fact]
    public async Task ListRuleSets_names_every_version_with_dates_and_hashes()
    {
        var versions = (await Client.ListRuleSetsAsync(new ListRuleSetsRequest())).Versions;

        versions.Select(v => v.Version).ShouldBe(["2015-01-01", "2017-01-01", "2017-02-01", "2017-02-25", "2018-01-01", "2022-07-01", "2023-07-01", "2024-01-01", "2026-01-01", "planned-2028-forfaitaire-lks", "planned-simpel-switchen"]);
        versions.Single(v => v.Version == "planned-simpel-switchen").ShouldSatisfyAllConditions(
            v => v.Planned.ShouldBeTrue(), v => v.EffectiveFrom.ShouldBe(""), v => v.EffectiveUntil.ShouldBe(""), v => v.Extends.ShouldBe("2026-01-01"));
        versions.ShouldAllBe(v => v.ContentHash.Length == 64);
        // Each in-force version runs until the day before the next one takes effect; the newest is open-ended.
        versions.Single(v => v.Version == "2017-01-01").EffectiveUntil.ShouldBe("2017-01-31");
        versions.Single(v => v.Version == "2024-01-01").EffectiveUntil.ShouldBe("2025-12-31");
        versions.Single(v => v.Version == "2026-01-01").EffectiveUntil.ShouldBe("");
    }

    [Fact]
    public async Task GetRuleSet_gives_the_complete_version_in_force_on_a_date_with_conditions_as_text()
    {
        var set = await Client.GetRuleSetAsync(new GetRuleSetRequest { AsOf = "2018-06-01" });

        set.Summary.Version.ShouldBe("2018-01-01");
        var duty = set.Rules.Single(r => r.Id == "PL-PLICHT");
        duty.Condition.ShouldBe("finding.vastgesteld_doelgroep and count(employees) < first_known(municipality.quota, param.quota[municipality.code, year(case.as_of)])");
        duty.Citation.ShouldBe("Participatiewet art. 10b lid 4 en lid 6 (tekst 2018)");
        set.Parameters.Single(p => p.Name == "quota").Value.ShouldContain("GM0014|2018=70");
        set.Outcomes.Select(o => o.Id).ShouldContain("gemeentelijke_plicht");
    }

    [Fact]
    public async Task GetRuleSet_without_date_or_version_names_the_field() =>
        (await Should.ThrowAsync<RpcException>(async () => await Client.GetRuleSetAsync(new GetRuleSetRequest())))
            .StatusCode.ShouldBe(StatusCode.InvalidArgument);
}

/// <summary>The levensloop timeline is computed only when asked for.</summary>
public sealed class TimelineRpcTests(InProcessHost host) : IClassFixture<InProcessHost>
{
    [Fact]
    public async Task The_timeline_is_included_only_when_requested()
    {
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var request = new EvaluateRequest
        {
            AsOf = "2017-06-01",
            Case = new EligibilityEngine.Grpc.V1.Case
            {
                Events =
                {
                    new Event { Type = EventType.AdviceIssued, Date = "2015-09-01", Result = AdviceResult.Positief },
                    new Event { Type = EventType.BanenafspraakIndicationGranted, Date = "2016-05-01" },
                },
            },
        };

        (await client.EvaluateAsync(request)).Decision.Timeline.ShouldBeEmpty();
        request.IncludeTimeline = true;
        var steps = (await client.EvaluateAsync(request)).Decision.Timeline;
        steps.Select(s => $"{s.Date} {s.Value} {s.Version}").ShouldBe(["2015-09-01 advies_positief 2015-01-01", "2016-05-01 advies_omgezet 2015-01-01"]);
    }
}
