using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>A host with TLS, client certificates from a test CA and tokens from a test authorisation server.</summary>
public sealed class SecuredHostFixture : IAsyncLifetime
{
    public TestPki Pki { get; } = new();
    public TestTokens Tokens { get; } = new();
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartSecuredAsync(Pki, Tokens);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Pki.Dispose();
        Tokens.Dispose();
    }
}

/// <summary>Who may call what, over real TLS sockets: certificates, tokens and scopes, on gRPC and JSON alike.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class SecurityTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    private TestTokens Tokens => fixture.Tokens;
    private TestPki Pki => fixture.Pki;

    private static readonly string SampleRequest = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json"));

    private static EvaluateRequest Request() => Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(SampleRequest);

    private static Metadata Bearer(string token) => new() { { "Authorization", "Bearer " + token } };

    private async Task<HttpResponseMessage> PostDecision(string? token, string path = "/v1/beoordelingen", System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        using var http = fixture.Host.CreateHttp(certificate ?? Pki.Client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(SampleRequest, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task On_a_host_that_asks_for_tokens_the_law_pages_are_open_and_the_pages_that_judge_cases_are_refused()
    {
        using var http = fixture.Host.CreateHttp(Pki.Client);

        (await http.GetAsync("/regels")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync("/regels/2018-01-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var page in new[] { "/casus", "/casus?voorbeeld=positief-advies", "/regels/verschil?corpus=samples" })
        {
            using var refused = await http.GetAsync(page);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, page);
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain("positief");
        }
    }

    [Fact]
    public async Task Without_sign_in_a_browser_reads_in_Dutch_what_the_host_asks_and_whom_to_ask_and_a_program_still_gets_problem_json()
    {
        using var http = fixture.Host.CreateHttp(Pki.Client);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/casus?voorbeeld=positief-advies");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var html = await http.SendAsync(page);
        html.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var text = WebUtility.HtmlDecode(await html.Content.ReadAsStringAsync());
        text.ShouldContain("<h1>Certificaat of token nodig</h1>");
        text.ShouldContain("een clientcertificaat (PKIoverheid) én een access token");
        text.ShouldContain("Een browser stuurt geen access token mee");
        text.ShouldContain("Vraag de functioneel beheerder van deze installatie");
        text.ShouldNotContain("Aanmelden bij uw organisatie");
        text.ShouldNotContain("uitkomst");

        using var api = new HttpRequestMessage(HttpMethod.Get, "/casus");
        api.Headers.Accept.ParseAdd("application/json");
        using var json = await http.SendAsync(api);
        json.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        json.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_municipality_with_its_certificate_and_a_token_for_beoordelen_gets_the_decision_over_grpc_and_json()
    {
        var token = Tokens.Token("beoordelen");

        var response = await new EligibilityService.EligibilityServiceClient(fixture.Host.Channel).EvaluateAsync(Request(), Bearer(token));
        response.Decision.Outcomes.ShouldContain(o => o.Value == "vaststelling_door_college_nodig");

        using var json = await PostDecision(token);
        json.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await json.Content.ReadAsStringAsync()).ShouldContain("vaststelling_door_college_nodig");
        json.Headers.GetValues("Strict-Transport-Security").ShouldBe(["max-age=31536000"]);
    }

    [Fact]
    public async Task A_decision_records_the_municipalitys_oin_client_and_user_and_only_an_audit_lezen_token_reads_it()
    {
        var client = new EligibilityService.EligibilityServiceClient(fixture.Host.Channel);
        var token = Tokens.Token("beoordelen", user: ("medewerker-17", "Consulent Werk"));
        var decisionId = (await client.EvaluateAsync(Request(), Bearer(token))).Decision.DecisionId;

        var refused = await Should.ThrowAsync<RpcException>(() => client.GetDecisionRecordAsync(new GetDecisionRecordRequest { DecisionId = decisionId }, Bearer(token)).ResponseAsync);
        refused.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        refused.Status.Detail.ShouldContain("audit-lezen");

        var auditor = Tokens.Token("audit-lezen");
        var record = (await client.GetDecisionRecordAsync(new GetDecisionRecordRequest { DecisionId = decisionId }, Bearer(auditor))).Record;
        record.Caller.ShouldBe(new RecordedCaller { Oin = TestPki.MunicipalityOin, ClientId = TestTokens.ClientId, UserId = "medewerker-17", UserRepresentation = "Consulent Werk" });
        record.Decision.Outcomes.ShouldContain(o => o.Id == "gemeentelijke_plicht" && o.Value == "vaststelling_door_college_nodig");

        using var http = fixture.Host.CreateHttp(Pki.Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/beoordelingen/{decisionId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auditor);
        using var json = await http.SendAsync(request);
        json.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await json.Content.ReadAsStringAsync()).ShouldContain($"\"oin\":\"{TestPki.MunicipalityOin}\"");
    }

    [Fact]
    public async Task Without_a_token_the_call_is_401_with_a_bearer_challenge_and_unauthenticated_on_grpc()
    {
        using var response = await PostDecision(token: null);

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(401);
        problem.Title.ShouldBe("Niet geauthenticeerd");
        problem.Detail.ShouldBe("Een geldig access token is nodig in de Authorization-header (Bearer).");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await new EligibilityService.EligibilityServiceClient(fixture.Host.Channel).EvaluateAsync(Request()));
        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Status.Detail.ShouldBe("Een geldig access token is nodig in de Authorization-header (Bearer).");
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "expired", "Het access token is verlopen." },
        { "wrong audience", "Het access token is niet voor deze API uitgegeven (audience)." },
        { "wrong issuer", "Het access token komt niet van de ingestelde autorisatieserver (issuer)." },
        { "unsigned", "De handtekening van het access token klopt niet met de sleutels van de autorisatieserver." },
        { "wrong key", "De handtekening van het access token klopt niet met de sleutels van de autorisatieserver." },
        { "not a token", "Het access token is ongeldig." },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_is_not_valid_is_401_saying_why(string kind, string detail)
    {
        var token = kind switch
        {
            "expired" => Tokens.Token("beoordelen", lifetime: TimeSpan.FromMinutes(-10)),
            "wrong audience" => Tokens.Token("beoordelen", audience: "https://someone-else.example.nl"),
            "wrong issuer" => Tokens.Token("beoordelen", issuer: "https://evil.example.nl"),
            "unsigned" => Tokens.Unsigned("beoordelen"),
            "wrong key" => Tokens.Token("beoordelen", otherKey: true),
            _ => "abc.def",
        };

        using var response = await PostDecision(token);

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(401);
        problem.Detail.ShouldBe(detail);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer error=\"invalid_token\"");
        var error = await Should.ThrowAsync<RpcException>(async () =>
            await new EligibilityService.EligibilityServiceClient(fixture.Host.Channel).EvaluateAsync(Request(), Bearer(token)));
        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Status.Detail.ShouldBe(detail);
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_refused_even_beside_a_valid_header()
    {
        var token = Tokens.Token("beoordelen");

        using var response = await PostDecision(token, "/v1/beoordelingen?access_token=" + token);

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(401);
        problem.Detail.ShouldBe("Een access token hoort in de Authorization-header, nooit in de URL (NL GOV OAuth-profiel).");
        problem.Instance.ShouldBe("/v1/beoordelingen");
    }

    [Fact]
    public async Task A_token_without_the_scope_of_the_operation_is_403_naming_the_scope()
    {
        var readOnly = Tokens.Token("regelsets-lezen");

        using var response = await PostDecision(readOnly);
        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(403);
        problem.Detail.ShouldBe("Het token heeft niet de scope 'beoordelen' die deze operatie vraagt.");

        var client = new EligibilityService.EligibilityServiceClient(fixture.Host.Channel);
        var error = await Should.ThrowAsync<RpcException>(async () => await client.EvaluateAsync(Request(), Bearer(readOnly)));
        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        error.Status.Detail.ShouldContain("'beoordelen'");
        using (var call = client.ImpactAnalysis(Bearer(readOnly)))
        {
            try
            {
                await call.RequestStream.WriteAsync(new ImpactAnalysisRequest { Settings = new ImpactSettings { From = "2017-01-01", To = "2018-01-01", Corpus = "samples" } });
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception ex) when (ex is RpcException or InvalidOperationException)
            {
                // The host refuses before reading the stream, so the refusal can arrive while the request is being
                // written (a race on a loaded machine, seen in a test run): the call's own status is the answer.
            }

            var impact = await Should.ThrowAsync<RpcException>(() => call.ResponseAsync);
            impact.StatusCode.ShouldBe(StatusCode.PermissionDenied);
            impact.Status.Detail.ShouldContain("'impact'");
        }

        var unary = await Should.ThrowAsync<RpcException>(async () => await client.AnalyzeImpactAsync(
            new AnalyzeImpactRequest { Settings = new ImpactSettings { From = "2017-01-01", To = "2018-01-01", Corpus = "samples" } }, Bearer(readOnly)));
        unary.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        (await client.AnalyzeImpactAsync(new AnalyzeImpactRequest { Settings = new ImpactSettings { From = "2017-01-01", To = "2018-01-01", Corpus = "samples" } },
            Bearer(Tokens.Token("impact")))).Impact.Cases.ShouldBe(20);

        (await client.ListRuleSetsAsync(new ListRuleSetsRequest(), Bearer(readOnly))).Versions.ShouldNotBeEmpty();
        using var http = fixture.Host.CreateHttp(Pki.Client);
        using var list = new HttpRequestMessage(HttpMethod.Get, "/v1/regelsets");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", readOnly);
        (await http.SendAsync(list)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_reflection_and_the_openapi_document_stay_open_without_certificate_or_token()
    {
        using var channel = fixture.Host.CreateChannel(clientCertificate: null);
        (await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest())).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
        using var reflection = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        (await reflection.ResponseStream.MoveNext(CancellationToken.None)).ShouldBeTrue();
        reflection.ResponseStream.Current.ListServicesResponse.Service.ShouldContain(s => s.Name == EligibilityHost.V1ServiceName);

        using var http = fixture.Host.CreateHttp(clientCertificate: null);
        using var document = await http.GetAsync("/v1/openapi.json");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await document.Content.ReadAsStringAsync()).ShouldContain("\"url\":\"" + fixture.Host.JsonAddress.ToString().TrimEnd('/') + "/v1\"");
    }

    [Fact]
    public async Task Without_a_client_certificate_a_valid_token_is_not_enough()
    {
        using var channel = fixture.Host.CreateChannel(clientCertificate: null);

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await new EligibilityService.EligibilityServiceClient(channel).EvaluateAsync(Request(), Bearer(Tokens.Token("beoordelen"))));

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Status.Detail.ShouldBe("Een clientcertificaat met een OIN is nodig (mutual TLS).");
    }

    public static TheoryData<string> RefusedCertificates => new() { "untrusted", "expired", "without OIN" };

    [Theory]
    [MemberData(nameof(RefusedCertificates))]
    public async Task A_client_certificate_that_fails_the_trust_anchor_ends_the_tls_handshake(string kind)
    {
        var certificate = kind switch
        {
            "untrusted" => Pki.UntrustedClient,
            "expired" => Pki.ExpiredClient,
            _ => Pki.ClientWithoutOin,
        };

        var error = await Should.ThrowAsync<HttpRequestException>(() => PostDecision(Tokens.Token("beoordelen"), certificate: certificate));

        // No HTTP response at all: under TLS 1.3 the server's refusal arrives as the connection failing or closing
        // (which of the two depends on timing), never as a status.
        error.StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task A_certificate_sent_with_its_intermediate_chains_to_the_root_alone_as_anchor_as_pkioverheid_does()
    {
        var token = Tokens.Token("beoordelen");
        using var channel = fixture.Host.CreateChannel(Pki.ClientUnderIntermediate, Pki.Intermediate);

        var response = await new EligibilityService.EligibilityServiceClient(channel).EvaluateAsync(Request(), Bearer(token));

        response.Decision.Outcomes.ShouldContain(o => o.Value == "vaststelling_door_college_nodig");
        using var http = fixture.Host.CreateHttp(Pki.ClientUnderIntermediate, Pki.Intermediate);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beoordelingen") { Content = new StringContent(SampleRequest, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_keys_can_come_from_a_jwks_url()
    {
        var port = RunningHost.FreePort();
        // Its own content root: the tests' folder holds the host's appsettings.json, whose endpoints it must not take.
        await using var authorisationServer = WebApplication.CreateBuilder(new WebApplicationOptions
            { Args = [$"--urls=http://127.0.0.1:{port}"], ContentRootPath = Path.GetTempPath() }).Build();
        authorisationServer.MapGet("/jwks.json", () => Microsoft.AspNetCore.Http.Results.Text(File.ReadAllText(Tokens.JwksFile), "application/json"));
        await authorisationServer.StartAsync();
        var url = $"http://127.0.0.1:{port}/jwks.json";
        await using var host = await RunningHost.StartSecuredAsync(Pki, Tokens, "--Security:Jwt:JwksFile=", "--Security:Jwt:JwksUrl=" + url);

        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var token = Tokens.Token("beoordelen");
        (await client.EvaluateAsync(Request(), Bearer(token))).Decision.ShouldNotBeNull();
        (await client.EvaluateAsync(Request(), Bearer(token))).Decision.ShouldNotBeNull();
        var error = await Should.ThrowAsync<RpcException>(async () => await client.EvaluateAsync(Request(), Bearer(Tokens.Token("beoordelen", otherKey: true))));
        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task A_token_validated_once_is_not_trusted_past_its_expiry()
    {
        var handler = new EligibilityEngine.Host.Security.CachingTokenHandler(TimeProvider.System, TimeSpan.FromHours(1));
        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await File.ReadAllTextAsync(Tokens.JwksFile)).GetSigningKeys();
        var parameters = new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            ValidIssuer = TestTokens.Issuer, ValidAudience = TestTokens.Audience, IssuerSigningKeys = keys, ClockSkew = TimeSpan.Zero,
        };
        var token = Tokens.Token("beoordelen", lifetime: TimeSpan.FromSeconds(2));

        (await handler.ValidateTokenAsync(token, parameters)).IsValid.ShouldBeTrue();
        (await handler.ValidateTokenAsync(token, parameters)).IsValid.ShouldBeTrue();
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var late = await handler.ValidateTokenAsync(token, parameters);
        late.IsValid.ShouldBeFalse();
        late.Exception.ShouldBeOfType<Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException>();
    }
}
