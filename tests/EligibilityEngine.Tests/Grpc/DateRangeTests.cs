using System.Net;
using System.Text;
using EligibilityEngine.Facts;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Support;
using Google.Rpc;
using Grpc.Core;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>
/// Dates outside <see cref="FactLimits.FirstYear"/>–<see cref="FactLimits.LastYear"/> are refused at the door with the
/// field named, over real sockets on both ports: never a 500 / UNKNOWN, never a stream that dies. (A .NET client that
/// sends <c>default(DateTime)</c> for an unknown date sends 0001-01-01.)
/// </summary>
public sealed class DateRangeTests(InProcessHost host) : IClassFixture<InProcessHost>
{
    private EligibilityService.EligibilityServiceClient Client => new(host.Channel);

    /// <summary>The request: an own request on <paramref name="applied"/>, no new facts, an advice a month before.</summary>
    private static EvaluateRequest OwnRequest(string applied, string advised, string asOf = "2018-03-01") => new()
    {
        CorrelationId = "kalender",
        AsOf = asOf,
        Case = new EligibilityEngine.Grpc.V1.Case
        {
            Person = new EligibilityEngine.Grpc.V1.Person { HasWorkCapacity = true },
            Application = new EligibilityEngine.Grpc.V1.Application { Applicant = EligibilityEngine.Grpc.V1.Applicant.Person, Date = applied, NewFactsStated = false },
            Events = { new Event { Type = EligibilityEngine.Grpc.V1.EventType.AdviceIssued, Date = advised, Result = EligibilityEngine.Grpc.V1.AdviceResult.Positief } },
        },
    };

    private static Dictionary<string, string> Violations(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.ToDictionary(v => v.Field, v => v.Description);

    public static TheoryData<string, string> EdgeDates => new() { { "0001-03-01", "0001-02-01" }, { "9999-12-31", "9999-12-01" }, { "1899-12-31", "1899-12-01" }, { "2200-01-01", "2200-01-01" } };

    [Theory]
    [MemberData(nameof(EdgeDates))]
    public async Task A_date_outside_the_accepted_years_is_refused_over_grpc_naming_each_field(string applied, string advised)
    {
        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(OwnRequest(applied, advised)));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        Violations(error).ShouldBe(new Dictionary<string, string>
        {
            ["case.application.date"] = $"must be a date from 1900-01-01 to 2199-12-31, not '{applied}'",
            ["case.events[0].date"] = $"must be a date from 1900-01-01 to 2199-12-31, not '{advised}'",
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task A_year_one_date_is_refused_over_json_with_400_naming_the_field()
    {
        var json = Google.Protobuf.JsonFormatter.Default.Format(OwnRequest("0001-03-01", "0001-02-01"));
        using var http = host.CreateHttp();

        using var response = await http.PostAsync("/v1/beoordelingen", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ProblemBody.Read(response);
        problem.InvalidParams.Keys.ShouldBe(["case.application.date", "case.events[0].date"], ignoreOrder: true);
        problem.InvalidParams["case.application.date"].Code.ShouldBe("invalidDate");
    }

    [Fact]
    public async Task A_year_one_peildatum_with_a_planned_version_is_refused_naming_as_of()
    {
        var request = OwnRequest("2018-01-08", "2017-12-01", asOf: "0001-01-01");
        request.Version = "planned-simpel-switchen";

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        Violations(error).Keys.ShouldBe(["as_of"]);
        var ruleSet = await Should.ThrowAsync<RpcException>(async () => await Client.GetRuleSetAsync(new GetRuleSetRequest { AsOf = "0001-01-01" }));
        ruleSet.StatusCode.ShouldBe(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task A_year_one_item_in_a_batch_gets_its_error_and_the_stream_goes_on()
    {
        using var call = Client.EvaluateBatch();
        foreach (var applied in new[] { "2018-01-08", "0001-03-01", "2018-01-08" })
            await call.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = OwnRequest(applied, applied == "2018-01-08" ? "2017-12-01" : "0001-02-01") });
        await call.RequestStream.CompleteAsync();

        var results = await call.ResponseStream.ReadAllAsync().ToListAsync();

        results.Select(r => r.ResultCase).ShouldBe([EvaluateBatchResponse.ResultOneofCase.Decision, EvaluateBatchResponse.ResultOneofCase.Error, EvaluateBatchResponse.ResultOneofCase.Decision]);
        results[1].Error.FieldViolations.Select(v => v.Field).ShouldContain("case.application.date");
    }

    [Fact]
    public async Task A_year_one_case_in_an_impact_analysis_is_refused_naming_the_case_and_field()
    {
        using var call = Client.ImpactAnalysis();
        await call.RequestStream.WriteAsync(new ImpactAnalysisRequest { Settings = new ImpactSettings { From = "2017-01-01", To = "2017-02-25" } });
        var year1 = OwnRequest("0001-03-01", "0001-02-01");
        await call.RequestStream.WriteAsync(new ImpactAnalysisRequest { Case = new ImpactCase { Name = "jaar-1", AsOf = year1.AsOf, Case = year1.Case } });
        await call.RequestStream.CompleteAsync();

        var error = await Should.ThrowAsync<RpcException>(() => call.ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        Violations(error).Keys.ShouldContain("cases[0].case.application.date");
    }
}
