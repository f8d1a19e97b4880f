using System.Net;
using System.Text;
using System.Text.Json;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>The same service as plain JSON over HTTP/1.1, for clients that cannot speak gRPC.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class JsonTranscodingTests(RunningHost host) : IClassFixture<RunningHost>
{
    private HttpClient Http => new() { BaseAddress = host.JsonAddress };

    [Fact]
    public async Task A_case_posted_as_json_gets_the_decision_as_json()
    {
        var body = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "requests", "quotum-bereikt-ander-aanbod.json"));

        using var response = await Http.PostAsync("/v1/beoordelingen", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Version.ShouldBe(HttpVersion.Version11);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var duty = json.RootElement.GetProperty("decision").GetProperty("outcomes").EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == "gemeentelijke_plicht");
        duty.GetProperty("value").GetString().ShouldBe("geen_plicht_quotum_bereikt");
        duty.GetProperty("values").GetProperty("ander_aanbod").GetString().ShouldBe("verplicht_als_geen_plek_wordt_aangeboden");
    }

    [Fact]
    public async Task A_bad_field_in_json_is_a_400_naming_the_field()
    {
        using var response = await Http.PostAsync("/v1/beoordelingen",
            new StringContent("""{"asOf":"2018-13-01","case":{}}""", Encoding.UTF8, "application/json"));

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(400);
        problem.Type.ShouldBe("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1");
        problem.Instance.ShouldBe("/v1/beoordelingen");
        problem.Code.ShouldBe("invalidArgument");
        problem.InvalidParams.Keys.ShouldBe(["asOf"]);
        problem.InvalidParams["asOf"].Code.ShouldBe("invalidDate");
        problem.InvalidParams["asOf"].Reason.ShouldContain("YYYY-MM-DD");
    }

    [Fact]
    public async Task Errors_of_shape_and_of_value_come_in_one_answer_naming_every_bad_field()
    {
        // Of shape: an unknown field, a number where text belongs, an enum value that does not exist. Of value: an
        // impossible date, a municipality code that is none, a number out of range, a date inside a list of events.
        const string Body = """
            {"asOf": "2019-02-30", "colour": "blue",
             "case": {"person": {"dateOfBirth": 19940517, "supervisionNeed": "sometimes", "wageValuePercent": "500"},
                      "municipality": {"code": "XX12", "quota": 200000},
                      "events": [{"type": "advice_issued", "date": "2019-04-31"}, {"type": "no-such-event", "date": "2019-01-01"}]}}
            """;

        using var response = await Http.PostAsync("/v1/beoordelingen", new StringContent(Body, Encoding.UTF8, "application/json"));

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(400);
        problem.InvalidParams.ToDictionary(p => p.Key, p => p.Value.Code).ShouldBe(new Dictionary<string, string>
        {
            ["colour"] = "unknownField",
            ["case.person.dateOfBirth"] = "invalidType",
            ["case.person.supervisionNeed"] = "invalidEnumValue",
            ["case.events[1].type"] = "invalidEnumValue",
            ["asOf"] = "invalidDate",
            ["case.person.wageValuePercent"] = "invalidNumber",
            ["case.municipality.code"] = "invalidMunicipalityCode",
            ["case.municipality.quota"] = "outOfRange",
            ["case.events[0].date"] = "invalidDate",
        }, ignoreOrder: true);
        problem.Detail.ShouldBe("9 velden zijn ongeldig: zie invalidParams.");
    }

    [Theory]
    [InlineData("/v1/regelsets/")]
    [InlineData("/v1/regelsets/2017-01-01/")]
    [InlineData("/v1/openapi.json/")]
    public async Task A_path_with_a_trailing_slash_is_404_not_a_redirect(string path)
    {
        using var response = await Http.GetAsync(path);

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(404);
        problem.Detail.ShouldContain("gebruik " + path.TrimEnd('/'));
    }

    [Fact]
    public async Task Unknown_versions_and_routes_are_problems_with_dutch_titles()
    {
        using var version = await Http.GetAsync("/v1/regelsets/1999-01-01x");
        var notFound = await ProblemBody.Read(version);
        notFound.Title.ShouldBe("Niet gevonden");
        notFound.Code.ShouldBe("notFound");
        notFound.Detail.ShouldContain("no version '1999-01-01x'");

        using var route = await Http.GetAsync("/v1/nergens");
        (await ProblemBody.Read(route)).Detail.ShouldBe("Geen resource op /v1/nergens; de routes staan in /v1/openapi.json.");
    }

    [Fact]
    public async Task A_whole_number_written_as_a_string_is_read_as_proto3_json_allows()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json"));
        async Task<string> Outcomes(System.Text.Json.Nodes.JsonNode quota, System.Text.Json.Nodes.JsonNode count)
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(sample)!;
            body["case"]!["municipality"]!["quota"] = quota;
            body["case"]!["municipality"]!["employees"]![0]!["count"] = count;
            using var response = await Http.PostAsync("/v1/beoordelingen", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("decision").GetProperty("outcomes").GetRawText();
        }

        (await Outcomes("4", "2")).ShouldBe(await Outcomes(4, 2));
    }

    [Theory]
    [InlineData("DELETE", "/v1/beoordelingen", "GET, POST")]
    [InlineData("PUT", "/v1/beoordelingen", "GET, POST")]
    [InlineData("DELETE", "/v1/beoordelingen/3f2b6c1e-0000-4000-8000-000000000000", "GET")]
    [InlineData("POST", "/v1/regelsets", "GET")]
    [InlineData("PATCH", "/v1/regelsets/2017-01-01", "GET")]
    public async Task A_method_a_route_does_not_take_is_405_with_the_methods_it_takes(string method, string path, string allow)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(405);
        problem.Title.ShouldBe("Methode niet toegestaan");
        response.Content.Headers.Allow.ShouldBe(allow.Split(", "));
        problem.Detail.ShouldContain("wel " + allow);
    }

    [Fact]
    public async Task A_request_line_or_headers_over_the_limits_get_a_dutch_problem_not_an_empty_answer()
    {
        using var longTarget = await Http.GetAsync("/v1/regelsets/" + new string('a', 10_000));
        var uriProblem = await ProblemBody.Read(longTarget);
        uriProblem.Status.ShouldBe(414);
        uriProblem.Title.ShouldBe("Adres te lang");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/regelsets");
        request.Headers.Add("X-Groot", new string('a', 40_000));
        using var bigHeaders = await Http.SendAsync(request);
        var headerProblem = await ProblemBody.Read(bigHeaders);
        headerProblem.Status.ShouldBe(431);
        headerProblem.Title.ShouldBe("Headers te groot");
    }

    [Fact]
    public async Task A_body_that_is_not_sent_as_json_is_415_and_an_accept_without_json_is_406()
    {
        using var form = await Http.PostAsync("/v1/beoordelingen", new StringContent("asOf=2018-03-01", Encoding.UTF8, "application/x-www-form-urlencoded"));
        (await ProblemBody.Read(form)).Status.ShouldBe(415);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/regelsets");
        request.Headers.Accept.ParseAdd("application/xml");
        using var xml = await Http.SendAsync(request);
        (await ProblemBody.Read(xml)).Status.ShouldBe(406);
    }

    [Fact]
    public async Task The_openapi_document_is_open_to_every_origin_and_each_get_operation_in_it_is_served()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/openapi.json");
        request.Headers.Add("Origin", "https://any-portal.example.nl");
        using var response = await Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        root.GetProperty("openapi").GetString().ShouldBe("3.0.3");
        root.GetProperty("info").GetProperty("version").GetString().ShouldBe(response.Headers.GetValues("API-Version").Single());
        root.GetProperty("servers")[0].GetProperty("url").GetString().ShouldBe(host.JsonAddress.ToString().TrimEnd('/') + "/v1");
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldBe(["/beoordelingen", "/beoordelingen/{decisionId}", "/regelsets", "/regelsets/{version}", "/regelsets/_geldend", "/regelsets/_diff",
            "/impactanalyses", "/openapi.json"], ignoreOrder: true);
        using var decided = await Http.PostAsync("/v1/beoordelingen", new StringContent(
            await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")), System.Text.Encoding.UTF8, "application/json"));
        var decisionId = JsonDocument.Parse(await decided.Content.ReadAsStringAsync()).RootElement.GetProperty("decision").GetProperty("decisionId").GetString();
        var examples = new Dictionary<string, string>
        {
            ["/beoordelingen"] = "/v1/beoordelingen?from=2026-01-01",
            ["/beoordelingen/{decisionId}"] = $"/v1/beoordelingen/{decisionId}",
            ["/regelsets"] = "/v1/regelsets",
            ["/regelsets/{version}"] = "/v1/regelsets/2017-01-01",
            ["/regelsets/_geldend"] = "/v1/regelsets/_geldend?asOf=2019-05-01",
            ["/regelsets/_diff"] = "/v1/regelsets/_diff?from=2017-01-01&to=2018-01-01",
            ["/openapi.json"] = "/v1/openapi.json",
        };
        foreach (var path in root.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _)))
        {
            using var get = await Http.GetAsync(examples[path.Name]);
            get.StatusCode.ShouldBe(HttpStatusCode.OK, path.Name);
        }

        foreach (var path in root.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        foreach (var answer in operation.Value.GetProperty("responses").EnumerateObject())
        {
            var headers = answer.Value.GetProperty("headers").EnumerateObject().Select(h => h.Name).ToList();
            headers.ShouldContain("API-Version", $"{operation.Name} {path.Name} {answer.Name}");
            headers.ShouldContain("Cache-Control", $"{operation.Name} {path.Name} {answer.Name}");
            if (answer.Name == "429") headers.ShouldContain("Retry-After");
        }

        root.GetProperty("paths").GetProperty("/impactanalyses").GetProperty("post").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldBe("#/components/schemas/ImpactAnalysisResponse");
        var asOf = root.GetProperty("components").GetProperty("schemas").GetProperty("EvaluateRequest").GetProperty("properties").GetProperty("asOf");
        asOf.GetProperty("format").GetString().ShouldBe("date");
        asOf.GetProperty("description").GetString()!.ShouldStartWith("The peildatum");
    }

    [Fact]
    public async Task The_openapi_examples_are_what_the_host_takes_and_answers()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync("/v1/openapi.json"));
        var paths = document.RootElement.GetProperty("paths");

        // Each example body is a request the host decides on; the example answer of Evaluate is the host's answer to it,
        // but for the decision id, which only a recorded decision has.
        foreach (var path in new[] { "/beoordelingen", "/impactanalyses" })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            var example = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
            using var answered = await Http.PostAsync("/v1" + path, new StringContent(example.GetRawText(), Encoding.UTF8, "application/json"));
            var answer = await answered.Content.ReadAsStringAsync();
            answered.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {answer}");
            if (path != "/beoordelingen") continue;
            var real = System.Text.Json.Nodes.JsonNode.Parse(answer)!;
            real["decision"]!["decisionId"] = Host.OpenApi.OpenApiExamples.ExampleDecisionId;
            var shown = post.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
            System.Text.Json.Nodes.JsonNode.DeepEquals(real, System.Text.Json.Nodes.JsonNode.Parse(shown)).ShouldBeTrue($"example:\n{shown}\nanswer:\n{real.ToJsonString()}");
        }

        // The 400 example is the answer to a request with an impossible date and a code that is no municipality code.
        var invalid = paths.GetProperty("/beoordelingen").GetProperty("post").GetProperty("responses").GetProperty("400").GetProperty("content")
            .GetProperty("application/problem+json").GetProperty("example");
        using var refused = await Http.PostAsync("/v1/beoordelingen", new StringContent(
            """{"asOf": "2019-02-30", "case": {"municipality": {"code": "GM14"}}}""", Encoding.UTF8, "application/json"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync()),
            System.Text.Json.Nodes.JsonNode.Parse(invalid.GetRawText())).ShouldBeTrue(invalid.GetRawText());
        invalid.GetProperty("invalidParams").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Every_field_and_value_the_contract_retires_is_deprecated_in_the_openapi_document()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync("/v1/openapi.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var files = Host.OpenApi.ContractDescriptors.Service.File;
        var messages = files.MessageTypes.Where(m => schemas.TryGetProperty(m.Name, out _)).ToList();
        var enums = files.EnumTypes.Where(e => schemas.TryGetProperty(e.Name, out _)).ToList();

        var retiredFields = messages.SelectMany(m => m.Fields.InDeclarationOrder()).Where(f => f.GetOptions()?.Deprecated == true).ToList();
        retiredFields.Select(f => f.Name).ShouldContain("can_work_at_regular_employer");
        foreach (var message in messages)
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                var property = schemas.GetProperty(message.Name).GetProperty("properties").GetProperty(field.JsonName);
                (property.TryGetProperty("deprecated", out var flag) && flag.GetBoolean()).ShouldBe(retiredFields.Contains(field), $"{message.Name}.{field.JsonName}");
            }

        var retiredValues = enums.SelectMany(e => e.Values).Where(v => v.GetOptions()?.Deprecated == true).ToList();
        retiredValues.Select(v => v.Name).ShouldContain("BENEFIT_WSW_INDICATIE");
        foreach (var type in enums)
        {
            var schema = schemas.GetProperty(type.Name);
            var listed = schema.TryGetProperty("x-deprecated-values", out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToList() : [];
            listed.ShouldBe(type.Values.Where(retiredValues.Contains).Select(v => v.Name).ToList(), type.Name);
            foreach (var value in listed) schema.GetProperty("description").GetString()!.ShouldContain($"- `{value}`: **uitgefaseerd**");
        }
    }

    [Fact]
    public async Task The_rule_sets_can_be_listed_over_json()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("/v1/regelsets"));
        json.RootElement.GetProperty("versions").GetArrayLength().ShouldBe(11);
    }

    [Theory]
    [InlineData("GET", "/v1/regelsets", null, 200)]
    [InlineData("POST", "/v1/beoordelingen", "{\"asOf\":\"2018-13-01\"}", 400)]
    [InlineData("POST", "/v1/beoordelingen", "not json", 400)]
    [InlineData("GET", "/v1/nothing-here", null, 404)]
    [InlineData("GET", "/v1/regelsets/", null, 404)]
    [InlineData("GET", "/v1/openapi.json", null, 200)]
    public async Task Every_json_response_carries_the_api_version_and_security_headers(string method, string path, string? body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Http.SendAsync(request);

        ((int)response.StatusCode).ShouldBe(status);
        string Header(string name) => string.Join(",", response.Headers.TryGetValues(name, out var v) ? v : []);
        Header("API-Version").ShouldBe("1.0.0");
        Header("Cache-Control").ShouldBe("no-store");
        Header("X-Content-Type-Options").ShouldBe("nosniff");
        Header("X-Frame-Options").ShouldBe("DENY");
        Header("Content-Security-Policy").ShouldBe("frame-ancestors 'none'");
        Header("Referrer-Policy").ShouldBe("no-referrer");
    }

    [Fact]
    public async Task The_documentation_page_is_served_with_a_content_security_policy_that_allows_only_its_own_files()
    {
        using var page = await Http.GetAsync("/documentatie");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("<script src=\"/documentatie/pagina.js\" defer></script>");
        html.ShouldContain("<link rel=\"stylesheet\" href=\"/documentatie/stijl.css\">");
        foreach (var (file, type) in new[] { ("/documentatie/pagina.js", "text/javascript"), ("/documentatie/stijl.css", "text/css") })
        {
            using var response = await Http.GetAsync(file);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        }

        (await Http.GetStringAsync("/documentatie/pagina.js")).ShouldContain("fetch(\"/v1/openapi.json\"");
    }
}
