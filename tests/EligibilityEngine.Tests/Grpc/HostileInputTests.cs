using System.Net;
using System.Text;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Support;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>Bad and hostile requests the host must answer as client errors (or decide correctly), over real sockets.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class HostileInputTests(RunningHost host) : IClassFixture<RunningHost>
{
    private EligibilityService.EligibilityServiceClient Client => new(host.Channel);

    private HttpClient Http => new() { BaseAddress = host.JsonAddress };

    private static EvaluateRequest Request() => new()
    {
        CorrelationId = "hostile-1",
        AsOf = "2018-03-01",
        Case = new EligibilityEngine.Grpc.V1.Case
        {
            Person = new Person { DateOfBirth = "1994-05-17", CanFollowFundedEducation = false, HasWorkCapacity = true, SupervisionNeed = SupervisionLevel.Permanent, Benefit = Benefit.Participatiewet },
            Municipality = new Municipality { Code = "GM0014", EmployeesKnown = true, Employees = { new Employee { HoursPerWeek = "25", Count = 52 } } },
        },
    };

    private static Dictionary<string, string> Violations(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.ToDictionary(v => v.Field, v => v.Description);

    [Fact]
    public async Task Enum_numbers_the_contract_does_not_declare_are_refused_by_field_not_decided_on()
    {
        var request = Request();
        request.Case.Person.SupervisionNeed = (SupervisionLevel)42;
        request.Case.Application = new Application { Applicant = (Applicant)7, Date = "2018-01-08" };
        request.Case.Person.Benefit = (Benefit)99;
        request.Case.Events.Add(new Event { Type = (EventType)77, Date = "2017-01-01", Reason = (LeaveReason)99 });
        request.Case.Municipality.Employees.Add(new Employee { EmployerKind = (EmployerKind)5 });

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        Violations(error).Keys.ShouldBe(["case.person.supervision_need", "case.person.benefit", "case.application.applicant",
            "case.events[0].type", "case.events[0].reason", "case.municipality.employees[1].employer_kind"], ignoreOrder: true);
        Violations(error)["case.person.supervision_need"].ShouldBe("42 is not a value of this field; allowed: 0 (unknown) to 5");
    }

    [Fact]
    public async Task A_bad_item_in_a_batch_gets_its_own_error_and_the_stream_goes_on()
    {
        using var call = Client.EvaluateBatch();
        var bad = Request();
        bad.Case.Person.SupervisionNeed = (SupervisionLevel)42;
        await call.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = bad });
        await call.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = Request() });
        await call.RequestStream.CompleteAsync();

        var answers = await call.ResponseStream.ReadAllAsync().ToListAsync();

        answers.Count.ShouldBe(2);
        answers[0].Error.Code.ShouldBe("INVALID_ARGUMENT");
        answers[1].Decision.ShouldNotBeNull();
    }

    [Fact]
    public async Task Json_enum_numbers_that_do_not_exist_get_a_400_naming_the_field_and_case_file_spellings_are_accepted()
    {
        using var bad = await Post("""{"asOf":"2018-03-01","case":{"person":{"supervisionNeed":42}}}""");
        var problem = await ProblemBody.Read(bad);
        problem.Status.ShouldBe(400);
        problem.InvalidParams["case.person.supervisionNeed"].Code.ShouldBe("invalidEnumValue");
        problem.InvalidParams["case.person.supervisionNeed"].Reason.ShouldContain("allowed: none, light, regular, intensive, permanent");

        using var good = await Post("""{"asOf":"2018-03-01","case":{"person":{"supervisionNeed":"permanent","benefit":"PARTICIPATIEWET","hasWorkCapacity":true}}}""");
        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await good.Content.ReadAsStringAsync()).ShouldContain("begeleiding");
    }

    [Fact]
    public async Task Json_type_errors_and_unknown_fields_are_all_named_without_dotnet_type_names()
    {
        using var response = await Post("""{"asOf":20190101,"case":{"municipality":{"quota":"abc","ordinanceNumber":9223372036854775807},"person":{"hasWorkCapacity":"yes","hasWorkCapacty":true}}}""");

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(400);
        problem.Title.ShouldBe("Ongeldige invoer");
        problem.Detail.ShouldBe("5 velden zijn ongeldig: zie invalidParams.");
        problem.InvalidParams.ShouldBe(new Dictionary<string, (string, string)>
        {
            ["asOf"] = ("invalidType", "must be a JSON string, e.g. \"2018-03-01\" or \"25.5\""),
            ["case.municipality.quota"] = ("invalidNumber", "must be a whole number, e.g. 12"),
            ["case.municipality.ordinanceNumber"] = ("invalidNumber", "must be a whole number, e.g. 12"),
            ["case.person.hasWorkCapacity"] = ("invalidType", "must be true or false (leave it out when unknown)"),
            ["case.person.hasWorkCapacty"] = ("unknownField", "is not a field of Person; did you mean 'hasWorkCapacity'?"),
        }, ignoreOrder: true);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("System.");
    }

    [Fact]
    public async Task A_json_body_that_is_not_json_names_line_and_position_but_not_its_content()
    {
        using var response = await Post("""{"asOf":"2018-03-01","case":{"person":{"hasWorkCapacity": fals, "dateOfBirth": "1961-04-23"}}}""");

        var problem = await ProblemBody.Read(response);
        problem.InvalidParams["body"].Code.ShouldBe("invalidJson");
        problem.InvalidParams["body"].Reason.ShouldStartWith("the body is not valid JSON (line 1");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("1961-04-23");
    }

    [Fact]
    public async Task A_json_body_over_one_mebibyte_is_refused_with_413()
    {
        using var response = await Post($$"""{"asOf":"2018-03-01","correlationId":"{{new string('x', 1_100_000)}}"}""");

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(413);
        problem.Detail.ShouldBe("De body is groter dan 1048576 bytes.");
    }

    [Fact]
    public async Task A_request_that_is_not_valid_protobuf_is_invalid_argument()
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, EligibilityService.Descriptor.FullName, "Evaluate",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var truncated = Request().ToByteArray()[..^3];

        var error = await Should.ThrowAsync<RpcException>(async () => await host.Channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(), truncated));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldBe("the request is not a valid EvaluateRequest protobuf message");
    }

    [Fact]
    public async Task A_dutch_decimal_comma_is_the_decimal_mark_and_thousands_separators_are_refused()
    {
        var request = Request();
        request.Case.Municipality.Employees[0].HoursPerWeek = "2,5";
        (await Client.EvaluateAsync(request)).Decision.ShouldNotBeNull();

        request.Case.Municipality.Employees[0].HoursPerWeek = "1,2,3";
        request.Case.Person.WageValuePercent = "1.000,5";
        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));
        Violations(error)["case.municipality.employees[0].hours_per_week"].ShouldBe("must be a number such as 25, 25.5 or 25,5 (no thousands separators), not '1,2,3'");
        Violations(error).ShouldContainKey("case.person.wage_value_percent");
    }

    [Fact]
    public async Task Every_date_after_the_peildatum_is_left_out_with_a_notice_on_every_path()
    {
        var request = Request();
        request.Case.Person.DateOfBirth = "2019-01-01";
        request.Case.Events.Add(new Event { Type = EventType.AdviceIssued, Date = "2018-06-01", Result = AdviceResult.Positief });

        var decision = (await Client.EvaluateAsync(request)).Decision;

        decision.Notices.ShouldContain(n => n.StartsWith("De geboortedatum ligt na de peildatum"));
        decision.Notices.ShouldContain("1 gebeurtenis(sen) na de peildatum zijn buiten beschouwing gelaten.");
        decision.MissingFacts.ShouldContain(m => m.Path == "person.date_of_birth");
    }

    [Fact]
    public async Task Counts_and_lists_have_the_same_limits_as_case_files()
    {
        var request = Request();
        request.Case.Municipality.Quota = int.MaxValue;
        request.Case.Municipality.Employees[0].Count = 200_000;
        request.Case.Events.Add(Enumerable.Range(0, 1_001).Select(i => new Event { Type = EventType.Moved, Date = "2017-01-01", Municipality = "GM0014" }));

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        Violations(error)["case.municipality.quota"].ShouldBe("must be between 0 and 100000, not 2147483647");
        Violations(error)["case.municipality.employees[0].count"].ShouldBe("must be between 1 and 100000, not 200000");
        Violations(error)["case.events"].ShouldBe("has 1001 events; a case holds at most 1000");
    }

    [Fact]
    public async Task Employees_given_with_a_count_are_counted_as_that_many_entries()
    {
        // A person the college has determined after a positive advice: the duty turns on the number realised (70 in 2018).
        static EvaluateRequest Determined()
        {
            var request = Request();
            request.Case.Events.Add(new Event { Type = EventType.AdviceIssued, Date = "2018-01-15", Result = AdviceResult.Positief });
            request.Case.Events.Add(new Event { Type = EventType.Determined, Date = "2018-02-01", Result = AdviceResult.Positief });
            return request;
        }

        var listed = Determined();
        listed.Case.Municipality.Employees.Clear();
        listed.Case.Municipality.Employees.Add(Enumerable.Repeat(new Employee { HoursPerWeek = "25" }, 52));
        var counted = Determined();
        var more = Determined();
        more.Case.Municipality.Employees[0].Count = 80;

        var byList = (await Client.EvaluateAsync(listed)).Decision.Outcomes;
        var byCount = (await Client.EvaluateAsync(counted)).Decision.Outcomes;
        var byOther = (await Client.EvaluateAsync(more)).Decision.Outcomes;

        byCount.ShouldBe(byList);
        byOther.ShouldNotBe(byList);
    }

    [Fact]
    public async Task Employees_counted_over_the_limit_in_all_are_refused_naming_the_list()
    {
        var request = Request();
        request.Case.Municipality.Employees[0].Count = 60_000;
        request.Case.Municipality.Employees.Add(new Employee { HoursPerWeek = "20", Count = 60_000 });

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        Violations(error)["case.municipality.employees"].ShouldBe("stand for 120000 employees; at most 100000 in all");
    }

    [Fact]
    public async Task Employees_sent_without_employees_known_are_refused_not_ignored()
    {
        var request = Request();
        request.Case.Municipality.EmployeesKnown = false;

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        Violations(error)["case.municipality.employees_known"].ShouldStartWith("is false, but 1 employee entries are given");
    }

    [Fact]
    public async Task A_rejected_value_is_repeated_only_as_a_short_prefix()
    {
        var request = Request();
        request.AsOf = new string('9', 100_000);

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request));

        Violations(error)["as_of"].ShouldBe($"must be a date written as YYYY-MM-DD, not '{new string('9', 40)}…' (100000 characters)");
        error.Status.Detail.Length.ShouldBeLessThan(300);
    }

    [Fact]
    public async Task An_unknown_version_or_corpus_is_repeated_only_as_a_short_prefix_on_every_operation()
    {
        var unknown = "v" + new string('x', 4_999);
        var evaluate = Request();
        evaluate.Version = unknown;
        var calls = new Dictionary<string, Func<Task>>
        {
            ["Evaluate"] = async () => await Client.EvaluateAsync(evaluate),
            ["GetRuleSet"] = async () => await Client.GetRuleSetAsync(new GetRuleSetRequest { Version = unknown }),
            ["DiffRuleSets"] = async () => await Client.DiffRuleSetsAsync(new DiffRuleSetsRequest { From = unknown, To = "2018-01-01" }),
            ["AnalyzeImpact"] = async () => await Client.AnalyzeImpactAsync(new AnalyzeImpactRequest { Settings = new ImpactSettings { From = "2017-01-01", To = "2018-01-01", Corpus = unknown } }),
        };

        foreach (var (name, call) in calls)
        {
            var error = await Should.ThrowAsync<RpcException>(call, name);
            error.StatusCode.ShouldBe(StatusCode.NotFound, name);
            error.Status.Detail.ShouldContain($"'v{new string('x', 39)}…' (5000 characters)", customMessage: name);
            error.Status.Detail.Length.ShouldBeLessThan(400, name);
        }

        using var json = await Http.GetAsync("/v1/regelsets/" + unknown);
        json.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await json.Content.ReadAsStringAsync()).Length.ShouldBeLessThan(800);
    }

    [Fact]
    public async Task Health_answers_for_the_service_by_name()
    {
        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = "eligibility.v1.EligibilityService" });

        health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task A_levensloop_over_many_dates_ends_with_the_callers_deadline()
    {
        var request = Request();
        request.IncludeTimeline = true;
        request.AsOf = "2026-06-01";
        var start = new DateOnly(2018, 1, 1);
        request.Case.Events.Add(Enumerable.Range(0, 1_000).Select(i => new Event { Type = EventType.Moved, Date = start.AddDays(i * 3).ToString("yyyy-MM-dd"), Municipality = "GM0014" }));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Should.ThrowAsync<RpcException>(async () => await Client.EvaluateAsync(request, deadline: DateTime.UtcNow.AddMilliseconds(20)));

        error.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    private Task<HttpResponseMessage> Post(string json) =>
        Http.PostAsync("/v1/beoordelingen", new StringContent(json, Encoding.UTF8, "application/json"));
}
