using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Support;
using Grpc.Core;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>
/// Decision records are personal data: over real TLS sockets, two municipalities under the same trust anchor and the
/// same authorisation server each read only the records of the decisions they asked for, on gRPC and JSON alike;
/// only an auditor named in the configuration reads them all.
/// </summary>
[Trait(Category.Name, Category.Process)]
public sealed class RecordAccessTests : IDisposable
{
    private const string OtherClientId = "gemeente-anderstad";
    private const string AuditorClientId = "rekenkamer";

    private readonly TestPki _pki = new();
    private readonly TestTokens _tokens = new();

    private static readonly string SampleRequest = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json"));

    /// <summary>A caller as the host meets it: the certificate its connections present and the token it sends, if any.</summary>
    private sealed record Caller(RunningHost Host, X509Certificate2 Certificate, string? Token)
    {
        public EligibilityService.EligibilityServiceClient Grpc() => new(Host.CreateChannel(Certificate));

        public Metadata Headers => Token is null ? [] : new Metadata { { "Authorization", "Bearer " + Token } };

        public async Task<HttpResponseMessage> Json(HttpMethod method, string path, string? body = null)
        {
            using var http = Host.CreateHttp(Certificate);
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            return await http.SendAsync(request);
        }
    }

    public static TheoryData<string> Modes => new() { "mtls", "tokens", "both" };

    private Task<RunningHost> StartAsync(string mode, params string[] settings) => RunningHost.StartSecuredAsync(_pki, _tokens,
    [
        .. mode switch
        {
            "mtls" => new[] { "--Security:Jwt:Issuer=" },
            "tokens" => ["--Security:ClientCertificates:TrustAnchorFile="],
            _ => [],
        },
        .. settings,
    ]);

    private (Caller Testdam, Caller Anderstad) Municipalities(RunningHost host, string mode) => mode == "mtls"
        ? (new Caller(host, _pki.Client, null), new Caller(host, _pki.OtherMunicipality, null))
        : (new Caller(host, _pki.Client, _tokens.Token("beoordelen audit-lezen")),
            new Caller(host, _pki.OtherMunicipality, _tokens.Token("beoordelen audit-lezen", clientId: OtherClientId)));

    private static async Task<string> DecideOverJson(Caller caller)
    {
        using var response = await caller.Json(HttpMethod.Post, "/v1/beoordelingen", SampleRequest);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("decision").GetProperty("decisionId").GetString()!;
    }

    private static async Task<string[]> ListOverJson(Caller caller)
    {
        using var response = await caller.Json(HttpMethod.Get, "/v1/beoordelingen");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("records", out var records)
            ? records.EnumerateArray().Select(r => r.GetProperty("decisionId").GetString()!).ToArray()
            : [];
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_municipality_reads_only_the_records_of_its_own_decisions_not_another_municipalitys(string mode)
    {
        await using var host = await StartAsync(mode);
        var (testdam, anderstad) = Municipalities(host, mode);
        var request = Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(SampleRequest);
        var ownId = (await testdam.Grpc().EvaluateAsync(request, testdam.Headers)).Decision.DecisionId;
        var otherId = await DecideOverJson(anderstad);

        (await testdam.Grpc().ListDecisionRecordsAsync(new ListDecisionRecordsRequest(), testdam.Headers)).Records.Select(r => r.DecisionId).ShouldBe([ownId]);
        (await testdam.Grpc().GetDecisionRecordAsync(new GetDecisionRecordRequest { DecisionId = ownId }, testdam.Headers)).Record.DecisionId.ShouldBe(ownId);
        var refused = await Should.ThrowAsync<RpcException>(() =>
            testdam.Grpc().GetDecisionRecordAsync(new GetDecisionRecordRequest { DecisionId = otherId }, testdam.Headers).ResponseAsync);
        refused.StatusCode.ShouldBe(StatusCode.NotFound);

        (await ListOverJson(anderstad)).ShouldBe([otherId]);
        using var foreign = await anderstad.Json(HttpMethod.Get, $"/v1/beoordelingen/{ownId}");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.Content.ReadAsStringAsync()).ShouldNotContain(TestPki.MunicipalityOin);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_auditor_named_in_the_configuration_reads_every_municipalitys_records(string mode)
    {
        var auditorName = mode == "tokens" ? AuditorClientId : TestPki.OtherMunicipalityOin;
        await using var host = await StartAsync(mode, "--Security:Auditors:0=" + auditorName);
        var (testdam, anderstad) = Municipalities(host, mode);
        var auditor = mode == "tokens" ? new Caller(host, _pki.Client, _tokens.Token("audit-lezen", clientId: AuditorClientId)) : anderstad;
        var ids = new[] { await DecideOverJson(testdam), await DecideOverJson(anderstad) };

        (await ListOverJson(auditor)).ShouldBe(ids);
        (await auditor.Grpc().GetDecisionRecordAsync(new GetDecisionRecordRequest { DecisionId = ids[0] }, auditor.Headers)).Record.DecisionId.ShouldBe(ids[0]);
        (await ListOverJson(testdam)).ShouldBe([ids[0]]);
    }

    [Fact]
    public async Task A_token_without_a_client_id_on_a_host_without_certificates_reads_no_records()
    {
        await using var host = await StartAsync("tokens");
        var (testdam, _) = Municipalities(host, "tokens");
        await DecideOverJson(testdam);
        var anonymous = new Caller(host, _pki.Client, _tokens.Token("audit-lezen", clientId: ""));

        using var refused = await anonymous.Json(HttpMethod.Get, "/v1/beoordelingen");

        (await ProblemBody.Read(refused)).Status.ShouldBe(403);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _tokens.Dispose();
    }
}
