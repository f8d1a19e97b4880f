using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>What a token's own content can make the host do, over a real socket on a host that asks for tokens: a
/// token it cannot fully understand or that lives too long is refused, and nothing of a refused token reaches the log.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class TokenTests : IDisposable
{
    private readonly TestTokens _tokens = new();

    private static readonly string SampleRequest = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json"));

    private string[] TokenSettings(params string[] more) =>
    [
        "--Security:Jwt:Issuer=" + TestTokens.Issuer, "--Security:Jwt:Audience=" + TestTokens.Audience, "--Security:Jwt:JwksFile=" + _tokens.JwksFile, .. more,
    ];

    private static async Task<HttpResponseMessage> Post(RunningHost host, string token)
    {
        using var http = host.CreateHttp(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beoordelingen") { Content = new StringContent(SampleRequest, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_refused_tokens_long_iss_or_kid_is_not_logged_at_any_level()
    {
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartLoggingAsync(logs, TokenSettings());
        var issuer = "https://" + new string('i', 15_000) + ".example.nl";
        var keyId = new string('k', 15_000);

        using (var wrongIssuer = await Post(host, _tokens.Token("beoordelen", issuer: issuer))) wrongIssuer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var unknownKey = await Post(host, _tokens.Token("beoordelen", otherKey: true, keyId: keyId))) unknownKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        logs.Lines.ShouldContain(line => line.Contains("Call refused"));
        logs.Lines.ShouldNotContain(line => line.Contains(new string('i', 100)) || line.Contains(new string('k', 100)));
    }

    [Fact]
    public async Task A_token_with_critical_header_extensions_is_refused()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, TokenSettings());
        var token = _tokens.Token("beoordelen", header: new Dictionary<string, object> { ["crit"] = new[] { "urn:example:bound-to-channel" }, ["urn:example:bound-to-channel"] = "x" });

        using var response = await Post(host, token);

        var problem = await ProblemBody.Read(response);
        problem.Status.ShouldBe(401);
        problem.Detail.ShouldBe("Het access token vraagt uitbreidingen (crit) die deze API niet kent.");
        using var plain = await Post(host, _tokens.Token("beoordelen"));
        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_issued_for_longer_than_the_maximum_lifetime_is_refused()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, TokenSettings("--Security:Jwt:MaxLifetimeMinutes=30"));

        using var year = await Post(host, _tokens.Token("beoordelen", lifetime: TimeSpan.FromDays(365)));
        using var halfHour = await Post(host, _tokens.Token("beoordelen", lifetime: TimeSpan.FromMinutes(30)));

        var problem = await ProblemBody.Read(year);
        problem.Status.ShouldBe(401);
        problem.Detail.ShouldBe("Het access token is langer geldig dan deze API toestaat (exp te ver na iat).");
        halfHour.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public void Dispose() => _tokens.Dispose();
}
