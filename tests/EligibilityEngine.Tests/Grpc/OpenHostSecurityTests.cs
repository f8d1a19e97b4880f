using System.Net;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>Secure by default: open only on loopback and saying so, never open on a network by accident; a rate limit per caller.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class OpenHostSecurityTests
{
    [Fact]
    public void A_host_bound_to_a_network_address_without_authentication_refuses_to_start()
    {
        var error = Should.Throw<EligibilityEngine.Host.Security.SecurityConfigurationException>(() => EligibilityHost.Build(
            ["--Kestrel:Endpoints:Grpc:Url=http://0.0.0.0:0", "--Kestrel:Endpoints:Json:Url=http://127.0.0.1:0"]));

        error.Message.ShouldStartWith("The host is bound to a non-loopback address without authentication.");
        Should.Throw<EligibilityEngine.Host.Security.SecurityConfigurationException>(() => EligibilityHost.Build(["--Kestrel:Endpoints:Grpc:Url=http://*:5290"]));
        Should.Throw<EligibilityEngine.Host.Security.SecurityConfigurationException>(() => EligibilityHost.Build(["--Kestrel:Endpoints:Json:Url=http://[::]:5291"]));
    }

    [Theory]
    [InlineData("--Security:ClientCertificates:TrustAnchorFile=/nonexistent/ca.pem", "Security:ClientCertificates:TrustAnchorFile /nonexistent/ca.pem does not exist")]
    [InlineData("--Security:Jwt:Issuer=https://auth.example.nl", "Security:Jwt:Audience is required with Security:Jwt:Issuer")]
    public void A_security_setting_that_cannot_work_stops_the_host_saying_which(string setting, string message)
    {
        var error = Should.Throw<EligibilityEngine.Host.Security.SecurityConfigurationException>(() => EligibilityHost.Build([setting]));

        error.Message.ShouldBe(message);
    }

    [Fact]
    public void A_pem_file_given_as_the_jwks_stops_the_host_saying_what_is_wanted()
    {
        using var pki = new TestPki();

        var error = Should.Throw<EligibilityEngine.Host.Security.SecurityConfigurationException>(() => EligibilityHost.Build(
            ["--Security:Jwt:Issuer=" + TestTokens.Issuer, "--Security:Jwt:Audience=" + TestTokens.Audience, "--Security:Jwt:JwksFile=" + pki.TrustAnchorFile]));

        error.Message.ShouldBe("the signing keys of Security:Jwt are not a JWKS (a JSON object with \"keys\"); a PEM file is not one");
    }

    [Fact]
    public async Task Running_open_is_said_in_the_start_up_log_on_loopback_and_warned_about_when_allowed_on_a_network()
    {
        var logs = new CapturedLogs();
        await using (await RunningHost.StartLoggingAsync(logs))
        {
            logs.Lines.ShouldContain(l => l.StartsWith("Warning") && l.Contains("No authentication configured: the service is open, for local use on loopback only"));
        }

        var allowed = new CapturedLogs();
        await using var app = EligibilityHost.Build(
            ["--Kestrel:Endpoints:Grpc:Url=http://0.0.0.0:0", "--Kestrel:Endpoints:Json:Url=http://127.0.0.1:0", "--Security:AllowAnonymous=true", "--Audit:Enabled=false"],
            logging => logging.AddProvider(allowed));
        allowed.Lines.ShouldContain(l => l.StartsWith("Warning") && l.Contains("Security:AllowAnonymous=true: the service answers everyone"));
    }

    [Fact]
    public async Task A_caller_over_its_rate_gets_429_with_retry_after_and_resource_exhausted_on_grpc()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, "--Security:RateLimit:PermitsPerSecond=1", "--Security:RateLimit:Burst=2");
        using var http = host.CreateHttp(clientCertificate: null);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4 && refused is null; i++)
        {
            var response = await http.GetAsync("/v1/regelsets");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }

        refused.ShouldNotBeNull($"statuses: {string.Join(", ", statuses)}");
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        var problem = await ProblemBody.Read(refused);
        problem.Title.ShouldBe("Te veel verzoeken");
        problem.Code.ShouldBe("resourceExhausted");
        // The same caller over gRPC: a token may have come back since (one a second; a loaded machine can take that
        // long), so it calls until it is over its rate again, as the HTTP calls above did.
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        RpcException? error = null;
        for (var i = 0; i < 4 && error is null; i++)
        {
            try
            {
                await client.ListRuleSetsAsync(new ListRuleSetsRequest());
            }
            catch (RpcException e)
            {
                error = e;
            }
        }

        error.ShouldNotBeNull("a gRPC call over the rate is refused");
        error.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        (await http.GetAsync("/v1/openapi.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("EvaluateBatch")]
    [InlineData("ImpactAnalysis")]
    public async Task Each_item_of_a_stream_counts_against_the_callers_rate_and_the_stream_ends_when_over_it(string method)
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, "--Security:RateLimit:PermitsPerSecond=1", "--Security:RateLimit:Burst=5");
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var request = Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")));

        var (answered, error) = method == "EvaluateBatch" ? await Batch(client, request) : (0, await Impact(client, request));

        error.ShouldNotBeNull("a stream of 200 items within a burst of 5 and 1 a second is refused");
        error.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        // The burst and the few permits that came back while the stream ran; never the 200.
        answered.ShouldBeLessThan(20);
    }

    private static async Task<(int Answered, RpcException? Error)> Batch(EligibilityService.EligibilityServiceClient client, EvaluateRequest request)
    {
        using var call = client.EvaluateBatch();
        var answered = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) answered++;
        });
        await WriteAll(() => call.RequestStream, Enumerable.Repeat(new EvaluateBatchRequest { Request = request }, 200));
        var error = await Record.ExceptionAsync(() => reading);
        return (answered, error as RpcException);
    }

    private static async Task<RpcException?> Impact(EligibilityService.EligibilityServiceClient client, EvaluateRequest request)
    {
        using var call = client.ImpactAnalysis();
        var settings = new ImpactAnalysisRequest { Settings = new ImpactSettings { From = "2017-01-01", To = "2018-01-01" } };
        var item = new ImpactAnalysisRequest { Case = new ImpactCase { AsOf = request.AsOf, Case = request.Case } };
        await WriteAll(() => call.RequestStream, [settings, .. Enumerable.Repeat(item, 200)]);
        return await Record.ExceptionAsync(() => call.ResponseAsync) as RpcException;
    }

    private static async Task WriteAll<T>(Func<IClientStreamWriter<T>> stream, IEnumerable<T> items)
    {
        try
        {
            foreach (var item in items) await stream().WriteAsync(item);
            await stream().CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The host ended the call while items were still being written: the call's own status is the answer.
        }
    }

    /// <summary>A request as a browser sends it after a DNS rebinding: to this host's address, under another name.</summary>
    private static async Task<HttpStatusCode> StatusUnder(RunningHost host, string name, HttpMethod method, string path)
    {
        using var http = host.CreateHttp(clientCertificate: null);
        using var request = new HttpRequestMessage(method, path) { Headers = { Host = name } };
        if (method == HttpMethod.Post)
            request.Content = new StringContent(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")),
                System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_open_loopback_host_answers_only_to_loopback_names_so_a_rebound_web_page_reads_and_writes_nothing()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules);
        var port = host.JsonAddress.Port;

        (await StatusUnder(host, $"attacker.example:{port}", HttpMethod.Get, "/v1/beoordelingen")).ShouldBe(HttpStatusCode.BadRequest);
        (await StatusUnder(host, "attacker.example", HttpMethod.Post, "/v1/beoordelingen")).ShouldBe(HttpStatusCode.BadRequest);
        (await StatusUnder(host, $"attacker.example:{port}", HttpMethod.Get, "/casus")).ShouldBe(HttpStatusCode.BadRequest);
        await using (var store = await EligibilityEngine.Audit.SqliteDecisionStore.OpenAsync(host.AuditStore))
            (await store.CountAsync()).ShouldBe(0);

        foreach (var name in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"[::1]:{port}" })
            (await StatusUnder(host, name, HttpMethod.Get, "/v1/beoordelingen")).ShouldBe(HttpStatusCode.OK, name);
    }

    [Fact]
    public async Task Cross_origin_calls_are_allowed_only_for_origins_on_the_allow_list()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, "--Security:Cors:AllowedOrigins:0=https://portaal.gemeente.example.nl");
        using var http = host.CreateHttp(clientCertificate: null);

        async Task<string?> AllowedOrigin(string origin, HttpMethod method)
        {
            using var request = new HttpRequestMessage(method, "/v1/beoordelingen");
            request.Headers.Add("Origin", origin);
            if (method == HttpMethod.Options)
            {
                request.Headers.Add("Access-Control-Request-Method", "POST");
                request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            }

            using var response = await http.SendAsync(request);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        (await AllowedOrigin("https://portaal.gemeente.example.nl", HttpMethod.Options)).ShouldBe("https://portaal.gemeente.example.nl");
        (await AllowedOrigin("https://evil.example.com", HttpMethod.Options)).ShouldBeNull();
        (await AllowedOrigin("https://evil.example.com", HttpMethod.Post)).ShouldBeNull();
    }
}
