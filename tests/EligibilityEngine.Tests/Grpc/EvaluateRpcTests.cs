using EligibilityEngine.Grpc.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>eligibility.v1.EligibilityService/Evaluate over a real socket, as a municipal system calls it.</summary>
public sealed class EvaluateRpcTests(InProcessHost host) : IClassFixture<InProcessHost>
{
    private EligibilityService.EligibilityServiceClient Client => new(host.Channel);

    private static EvaluateRequest PositiveAdvice(string asOf = "2018-03-01") => new()
    {
        CorrelationId = "test-1",
        AsOf = asOf,
        Case = new EligibilityEngine.Grpc.V1.Case
        {
            Person = new Person
            {
                DateOfBirth = "1994-05-17", CanFollowFundedEducation = false, HasWorkCapacity = true, SupervisionNeed = SupervisionLevel.Permanent,
                AdaptationNeed = AdaptationLevel.Limited, SupervisionBeyondEmployer = true, AdaptationsBeyondEmployer = true, Benefit = Benefit.Participatiewet, WswIndication = false,
            },
            Application = new Application { Applicant = Applicant.Municipality, Date = "2018-01-08", NewFactsStated = false },
            Municipality = new Municipality { Code = "GM0014", EmployeesKnown = true, Employees = { Enumerable.Repeat(new Employee { HoursPerWeek = "25" }, 52) } },
        },
    };

    [Fact]
    public async Task A_host_configured_with_the_compiled_engine_gives_the_same_decision_and_names_that_engine()
    {
        await using var compiled = await InProcessHost.StartOwnAsync("--Engine:Kind=compiled");
        var byCompiled = (await new EligibilityService.EligibilityServiceClient(compiled.Channel).EvaluateAsync(PositiveAdvice())).Decision;
        var byNRules = (await Client.EvaluateAsync(PositiveAdvice())).Decision;

        byCompiled.Engine.Kind.ShouldBe("compiled");
        byCompiled.Engine.Name.ShouldBe("EligibilityEngine compiled evaluator");
        byCompiled.Engine = byNRules.Engine = null;
        byCompiled.DecisionId.ShouldNotBe(byNRules.DecisionId); // each decision is a record of its own
        byCompiled.DecisionId = byNRules.DecisionId = "";
        byCompiled.ShouldBe(byNRules);
    }

    [Fact]
    public async Task Evaluate_returns_the_explainable_decision()
    {
        var response = await Client.EvaluateAsync(PositiveAdvice());

        response.CorrelationId.ShouldBe("test-1");
        var d = response.Decision;
        d.RuleSet.Version.ShouldBe("2018-01-01");
        d.RuleSet.ContentHash.Length.ShouldBe(64);
        d.Engine.ShouldBe(new EngineReference { Kind = "nrules", Name = "NRules", Version = "1.0.4" });
        d.Outcomes.Single(o => o.Id == "advies").Value.ShouldBe("positief");
        var duty = d.Outcomes.Single(o => o.Id == "gemeentelijke_plicht");
        // The duty runs to a person the college has determined: with only UWV's advice, the college must still decide.
        duty.Value.ShouldBe("vaststelling_door_college_nodig");
        duty.Values["na_vaststelling"].ShouldBe("plicht_tot_aanbod");
        duty.Citation.Text.ShouldBe("Participatiewet art. 10b lid 1 (tekst 2018, met de opgesomde UWV-uitkeringen)");
        duty.Explanation.ShouldContain("Op de peildatum heeft gemeente GM0014 52 dienstbetrekkingen, en dat is minder dan het aantal voor 2018 (70 volgens de regeling");
        d.Criteria.Single(c => c.Id == "begeleiding").Status.ShouldBe(CriterionStatus.Met);
        // No advice in the history yet, which must not read as a contradiction of the positive advice just given.
        d.Outcomes.Single(o => o.Id == "levensloop").Explanation.ShouldBe(
            "In de geschiedenis van de casus staat nog geen afgegeven advies beschut werk. Een advies op de aanvraag in deze casus staat bij de uitkomst 'Advies beschut werk'.");
    }

    [Fact]
    public async Task Unknown_facts_stay_unknown_and_are_named()
    {
        var request = PositiveAdvice();
        request.Case.Person.ClearHasWorkCapacity();

        var d = (await Client.EvaluateAsync(request)).Decision;

        d.Criteria.Single(c => c.Id == "arbeidsvermogen").Status.ShouldBe(CriterionStatus.Undetermined);
        d.Outcomes.Single(o => o.Id == "advies").Status.ShouldBe(OutcomeStatus.Undetermined);
        d.MissingFacts.Single(m => m.Path == "person.has_work_capacity").AffectsAnOutcome.ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_fields_are_all_named_in_a_bad_request()
    {
        var request = PositiveAdvice();
        request.Case.Municipality.Code = "Groningen";
        request.Case.Municipality.Quota = -1;
        request.Case.Events.Add(new Event { Type = EventType.Placed, Date = "2019-01-01", HoursPerWeek = "-4" });

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        violations.ShouldBe(["case.municipality.code", "case.municipality.quota", "case.events[0].hours_per_week"], ignoreOrder: true);
        error.Status.Detail.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task The_retired_regular_employer_field_and_Wsw_benefit_are_refused_saying_what_to_send_instead()
    {
        var request = PositiveAdvice();
#pragma warning disable CS0612 // sending the retired field and value is what is tested
        request.Case.Person.CanWorkAtRegularEmployer = false;
        request.Case.Person.Benefit = Benefit.WswIndicatie;
#pragma warning restore CS0612

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.ToDictionary(v => v.Field, v => v.Description);
        violations["case.person.can_work_at_regular_employer"].ShouldContain("set supervision_beyond_employer and adaptations_beyond_employer instead");
        violations["case.person.benefit"].ShouldContain("Set wsw_indication = true and the benefit the person receives");
    }

    [Fact]
    public async Task An_unknown_pinned_version_is_not_found()
    {
        var request = PositiveAdvice();
        request.Version = "2019-01-01";
        (await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request))).StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task A_date_before_the_first_version_is_a_failed_precondition()
    {
        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(PositiveAdvice("2014-06-01")));
        error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        error.Status.Detail.ShouldBe("no version of rule set beschut-werk is in force on 2014-06-01: the first version takes effect on 2015-01-01");
    }

    [Fact]
    public async Task A_planned_version_asked_for_by_name_is_marked_planned()
    {
        var request = PositiveAdvice();
        request.Version = "planned-simpel-switchen";
        var d = (await Client.EvaluateAsync(request)).Decision;
        d.RuleSet.Planned.ShouldBeTrue();
        d.Notices.ShouldContain(n => n.Contains("GEPLANDE regelset"));
    }

    [Fact]
    public async Task Health_reports_serving_once_the_rule_sets_are_loaded()
    {
        var health = new Health.HealthClient(host.Channel);
        (await health.CheckAsync(new HealthCheckRequest())).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
    }
}

/// <summary>Limits a platform team relies on: message size and deadlines.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class LimitRpcTests(RunningHost host) : IClassFixture<RunningHost>
{
    private EligibilityService.EligibilityServiceClient Client => new(host.Channel);

    [Fact]
    public async Task A_request_over_the_maximum_message_size_is_refused_with_resource_exhausted()
    {
        var request = new EvaluateRequest { CorrelationId = new string('x', 2 * 1024 * 1024), AsOf = "2019-01-01" };
        (await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request))).StatusCode.ShouldBe(StatusCode.ResourceExhausted);
    }

    /// <summary>
    /// grpc-dotnet's client enforces a deadline on its own, so this call is made over plain HTTP/2 with a client that
    /// never finishes its request: only the server can end it. At the deadline grpc-dotnet's server cancels the call
    /// and ends the response with DEADLINE_EXCEEDED in its trailers or, when the call is cancelled first, resets the
    /// HTTP/2 stream (RST_STREAM CANCEL); which one depends on timing. Either is the server honouring the deadline.
    /// </summary>
    [Fact]
    public async Task The_server_ends_a_batch_at_its_deadline_even_when_the_caller_keeps_the_stream_open()
    {
        var item = new EvaluateBatchRequest { Request = new EvaluateRequest { CorrelationId = "one", AsOf = "2019-01-01" } }.ToByteArray();
        var frame = new byte[5 + item.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)item.Length);
        item.CopyTo(frame, 5);
        var neverEnds = new TaskCompletionSource();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.GrpcAddress, "/eligibility.v1.EligibilityService/EvaluateBatch"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new OpenRequestBody(frame, neverEnds.Task),
        };
        request.Headers.TE.ParseAdd("trailers");
        // A second: long enough to answer the first item while the rest of the suite keeps both cores busy.
        request.Headers.Add("grpc-timeout", "1000m");

        // Should the server not end it, the test gives up after 10 s with a cancellation, and fails.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
        var body = new MemoryStream();
        string ending;
        try
        {
            await response.Content.CopyToAsync(body, limit.Token);
            ending = "grpc-status " + string.Join(",", response.TrailingHeaders.TryGetValues("grpc-status", out var status) ? status : ["none"]);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Http.HttpProtocolException { ErrorCode: 0x8 })
        {
            ending = "reset CANCEL";
        }

        clock.Stop();
        neverEnds.SetResult();

        // The item sent was answered (every fact unknown, judged under the version of 2019) ...
        var answer = EvaluateBatchResponse.Parser.ParseFrom(body.ToArray().AsSpan(5));
        answer.CorrelationId.ShouldBe("one");
        answer.Decision.RuleSet.Version.ShouldBe("2018-01-01");
        // ... then the server, not the client, ended the call once the second had passed.
        ending.ShouldBeOneOf($"grpc-status {(int)StatusCode.DeadlineExceeded}", "reset CANCEL");
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    /// <summary>A request body that sends its bytes and then stays open, like a client that has more to send later.</summary>
    private sealed class OpenRequestBody : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly Task _closed;

        public OpenRequestBody(byte[] bytes, Task closed)
        {
            (_bytes, _closed) = (bytes, closed);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(_bytes);
            await stream.FlushAsync();
            await _closed;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
