using System.Net;
using System.Text;
using System.Text.Json;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>The same service as plain JSON over HTTP/1.1, for clients that cannot speak gRPC.</summary>
public sealed class JsonTranscodingTests(RunningHost host) : IClassFixture<RunningHost>
{
    private HttpClient Http => new() { BaseAddress = host.JsonAddress };

    [Fact]
    public async Task A_case_posted_as_json_gets_the_decision_as_json()
    {
        var body = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "requests", "quotum-bereikt-ander-aanbod.json"));

        using var response = await Http.PostAsync("/v1/cases:evaluate", new StringContent(body, Encoding.UTF8, "application/json"));

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
        using var response = await Http.PostAsync("/v1/cases:evaluate",
            new StringContent("""{"asOf":"2018-13-01","case":{}}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("as_of must be a date written as YYYY-MM-DD");
    }

    [Fact]
    public async Task The_rule_sets_can_be_listed_over_json()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("/v1/rulesets"));
        json.RootElement.GetProperty("versions").GetArrayLength().ShouldBe(10);
    }

    [Theory]
    [InlineData("GET", "/v1/rulesets", null, 200)]
    [InlineData("POST", "/v1/cases:evaluate", "{\"asOf\":\"2018-13-01\"}", 400)]
    [InlineData("POST", "/v1/cases:evaluate", "not json", 400)]
    [InlineData("GET", "/v1/nothing-here", null, 404)]
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
}
