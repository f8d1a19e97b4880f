using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EligibilityEngine.Audit;
using EligibilityEngine.Cli;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host.Otlp.Trace;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Audit;

/// <summary>
/// Shipping to the organisation's Logboek over OTLP/gRPC, against a receiver that speaks the real protocol on a socket:
/// every decision arrives once as the standard's log line, field by field; a Logboek that refuses or is down leaves the
/// host serving and the records waiting, and they all arrive once it takes them; a host killed mid-backlog ships them
/// after its restart, also one killed while the Logboek had taken records it had not acknowledged yet. A host without
/// an endpoint (the shared one) ships nothing and reports no backlog.
/// </summary>
[Trait(Category.Name, Category.Process)]
public sealed class LogboekShippingTests(RunningHost shared, TestPki pki, ITestOutputHelper log) : IClassFixture<RunningHost>, IClassFixture<TestPki>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The compiled engine: ready sooner than NRules, and the engine is not what these tests are about.</summary>
    private const string Engine = "--Engine:Kind=compiled";

    /// <summary>Required with an endpoint: the standard's log line carries it.</summary>
    private const string Activity = "--Audit:ProcessingActivityId=https://register.example.nl/verwerkingen/beschut-werk/3";

    private const string Backlog = "eligibility.audit.logboek.backlog";

    private static EvaluateRequest Sample(string name = "positief-advies") =>
        Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", name + ".json")));

    private static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.ToByteArray());

    private static string? Attribute(Span span, string key) => span.Attributes.FirstOrDefault(a => a.Key == key)?.Value is { } v
        ? v.ValueCase == Host.Otlp.Common.AnyValue.ValueOneofCase.IntValue ? v.IntValue.ToString() : v.StringValue : null;

    private static string AuditStatus(string store)
    {
        using var output = new StringWriter();
        CommandLine.Run(["audit", "status", "--store", store], output, new StringWriter()).ShouldBe(0);
        return output.ToString();
    }

    [Fact]
    public async Task Every_decision_arrives_once_as_the_standards_log_line_over_mutual_tls_field_by_field()
    {
        await using var receiver = await OtlpReceiver.StartAsync(pki);
        var folder = Directory.CreateTempSubdirectory("ee-logboek-").FullName;
        var (certificate, key) = (Path.Combine(folder, "host.pem"), Path.Combine(folder, "host.key"));
        await File.WriteAllTextAsync(certificate, pki.OtherMunicipality.ExportCertificatePem());
        await File.WriteAllTextAsync(key, pki.OtherMunicipality.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(folder, "subject.key"), Convert.ToBase64String(AuditSamples.Key));
        // Callers authenticate with their certificate (no tokens): the caller's OIN names the foreign operation's entity.
        await using var host = await RunningHost.StartSecuredAsync(pki, new TestTokens(), "--Security:Jwt:Issuer=", Engine,
            "--Audit:Logboek:Endpoint=" + receiver.Endpoint, "--Audit:Logboek:ClientCertificateFile=" + certificate,
            "--Audit:Logboek:ClientKeyFile=" + key, "--Audit:Logboek:TrustAnchorFile=" + pki.TrustAnchorFile,
            "--Audit:Logboek:ResourceAttributes:cmdb.id=CI-0042", "--Audit:ProcessingActivityId=https://register.example.nl/verwerkingen/beschut-werk/3",
            "--Audit:SubjectKeyFile=" + Path.Combine(folder, "subject.key"));
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var (callerTrace, callerSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var withSubject = Sample();
        withSubject.DataSubject = new EligibilityEngine.Grpc.V1.DataSubject { Id = "999990019", IdType = "BSN" };
        var linked = await client.EvaluateAsync(withSubject, new Metadata { { "traceparent", $"00-{callerTrace}-{callerSpan}-01" } });
        // A traceparent that is no Trace Context fails nothing: the decision is given, without a foreign operation.
        var malformed = await client.EvaluateAsync(Sample(), new Metadata { { "traceparent", "00-not-a-trace-context" } });
        var plain = await client.EvaluateAsync(Sample("quotum-bereikt-ander-aanbod"));

        var spans = await receiver.WaitForAsync(3, Patience);
        await Task.Delay(500); // nothing more arrives: each once
        receiver.Spans.Count.ShouldBe(3);
        await using var store = await DecisionStores.OpenAsync(host.AuditStore);
        var chain = await store.ReadChainAsync(0, 10);
        spans.Select(s => Attribute(s, "eligibility.decision_id"))
            .ShouldBe([linked.Decision.DecisionId, malformed.Decision.DecisionId, plain.Decision.DecisionId]);
        foreach (var (span, chained) in spans.Zip(chain))
        {
            var op = chained.Record.Operation;
            Hex(span.TraceId).ShouldBe(op.TraceId);
            span.TraceId.Length.ShouldBe(16);
            Hex(span.SpanId).ShouldBe(op.SpanId);
            span.SpanId.Length.ShouldBe(8);
            span.ParentSpanId.IsEmpty.ShouldBeTrue();
            span.Name.ShouldBe("beoordelen-beschut-werk");
            span.Status.Code.ShouldBe(Host.Otlp.Trace.Status.Types.StatusCode.Ok);
            span.StartTimeUnixNano.ShouldBe((ulong)(op.StartTime - DateTimeOffset.UnixEpoch).Ticks * 100);
            span.EndTimeUnixNano.ShouldBe((ulong)(op.EndTime - DateTimeOffset.UnixEpoch).Ticks * 100);
            span.EndTimeUnixNano.ShouldBeGreaterThanOrEqualTo(span.StartTimeUnixNano);
            Attribute(span, "dpl.core.processing_activity_id").ShouldBe("https://register.example.nl/verwerkingen/beschut-werk/3");
            Attribute(span, "eligibility.audit.chain.position").ShouldBe(chained.Position.ToString());
            Attribute(span, "eligibility.audit.chain.hash").ShouldBe(chained.ChainHash);
            Attribute(span, "eligibility.audit.chain.previous_hash").ShouldBe(chained.PreviousHash);
            Attribute(span, "eligibility.ruleset.hash").ShouldBe(chained.Record.Decision.RuleSet.ContentHash);
        }

        var first = spans[0];
        Attribute(first, "dpl.core.data_subject_id").ShouldBe(new SubjectPseudonym(AuditSamples.Key).Of("999990019"));
        Attribute(first, "dpl.core.data_subject_id_type").ShouldBe("BSN");
        Attribute(first, "dpl.core.foreign_operation.trace_id").ShouldBe(callerTrace.ToHexString());
        Attribute(first, "dpl.core.foreign_operation.operation_id").ShouldBe(callerSpan.ToHexString());
        Attribute(first, "dpl.core.foreign_operation.entity").ShouldBe("urn:oin:" + TestPki.MunicipalityOin);
        Hex(first.TraceId).ShouldNotBe(callerTrace.ToHexString()); // a trace of this organisation's own
        var link = first.Links.ShouldHaveSingleItem();
        (Hex(link.TraceId), Hex(link.SpanId)).ShouldBe((callerTrace.ToHexString(), callerSpan.ToHexString()));
        spans.Skip(1).ShouldAllBe(s => Attribute(s, "dpl.core.foreign_operation.trace_id") == null && s.Links.Count == 0);
        Attribute(spans[1], "dpl.core.data_subject_id").ShouldBeNull();
        receiver.Resource.ShouldNotBeNull().Attributes.ShouldContain(a => a.Key == "cmdb.id" && a.Value.StringValue == "CI-0042");
        receiver.Resource.Attributes.ShouldContain(a => a.Key == "service.name" && a.Value.StringValue == "eligibility-engine");

        AuditStatus(host.AuditStore).ShouldContain($"Logboek {receiver.Endpoint}: bevestigd t/m positie 3");
        AuditStatus(host.AuditStore).ShouldContain("achterstand 0 vastlegging(en)");
    }

    [Fact]
    public async Task A_logboek_that_refuses_or_is_down_leaves_the_host_serving_and_the_backlog_drains_when_it_takes_them()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        receiver.Refuse = true;
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, Engine, Activity, "--Audit:Logboek:Endpoint=" + receiver.Endpoint,
            "--Audit:Logboek:MaxBackoffSeconds=1");
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        using var http = host.CreateHttp(clientCertificate: null);
        var given = new List<string>();
        for (var i = 0; i < 5; i++) given.Add((await client.EvaluateAsync(Sample())).Decision.DecisionId);
        var clock = Stopwatch.StartNew();
        var health = await WaitForHealth(http, "Degraded");
        log.WriteLine($"refused {clock.Elapsed}");
        health.GetProperty("checks").GetProperty("logboek").GetProperty("description").GetString().ShouldNotBeNull().ShouldContain("de testontvanger weigert");
        AuditStatus(host.AuditStore).ShouldContain("laatste poging");

        // Down: decisions are still given, recorded, and wait.
        await receiver.DownAsync();
        log.WriteLine($"down {clock.Elapsed}");
        for (var i = 0; i < 5; i++) given.Add((await client.EvaluateAsync(Sample())).Decision.DecisionId);
        (await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest())).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
        health = await WaitForHealth(http, "Degraded", backlog: 10);
        health.GetProperty("checks").GetProperty("logboek").GetProperty("description").GetString().ShouldNotBeNull().ShouldContain("10 record(s) kept to ship");
        log.WriteLine($"backlog {clock.Elapsed}");
        receiver.Spans.ShouldBeEmpty();
        Metrics(host.Services).Backlog.ShouldBe(10);

        receiver.Refuse = false;
        await receiver.UpAsync();
        var spans = await receiver.WaitForAsync(10, Patience);
        spans.Select(s => Attribute(s, "eligibility.decision_id")).ShouldBe(given);
        log.WriteLine($"drained {clock.Elapsed}");
        await WaitForHealth(http, "Healthy", backlog: 0);
        Metrics(host.Services).Backlog.ShouldBe(0);
        AuditStatus(host.AuditStore).ShouldContain("bevestigd t/m positie 10");
    }

    [Fact]
    public async Task A_host_killed_mid_backlog_or_mid_drain_ships_every_record_after_its_restart_twice_only_what_was_taken()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await receiver.DownAsync();
        var store = Path.Combine(Directory.CreateTempSubdirectory("ee-logboek-kill-").FullName, "decisions.db");
        string[] settings = [Engine, Activity, "--Audit:Store=" + store, "--Audit:Logboek:Endpoint=" + receiver.Endpoint, "--Audit:Logboek:MaxBatch=2",
            "--Audit:Logboek:MaxBackoffSeconds=1"];
        var given = new List<string>();
        var clock = Stopwatch.StartNew();
        // Killed mid-backlog: the Logboek down, nothing acknowledged.
        await using (var host = await HostProcess.StartAsync(settings))
        {
            log.WriteLine($"started {clock.Elapsed}");
            var client = new EligibilityService.EligibilityServiceClient(host.Channel);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                for (var i = 0; i < 5; i++)
                {
                    var id = (await client.EvaluateAsync(Sample())).Decision.DecisionId;
                    lock (given) given.Add(id);
                }
            }));
            log.WriteLine($"decided {clock.Elapsed}");
            host.Kill();
        }

        // Killed mid-drain: the Logboek up but slow to acknowledge; some exports taken (the last, likely, not yet
        // acknowledged), the rest not sent.
        Span[] taken;
        await using (var host = await HostProcess.StartAsync(settings))
        {
            receiver.AcknowledgeDelay = TimeSpan.FromMilliseconds(300);
            await receiver.UpAsync();
            await receiver.WaitForAsync(4, Patience);
            host.Kill();
            taken = [.. receiver.Spans];
            log.WriteLine($"killed mid-drain after {taken.Length} of {given.Count} spans, {clock.Elapsed}");
            taken.Length.ShouldBeInRange(4, given.Count - 1);
        }

        receiver.AcknowledgeDelay = TimeSpan.Zero;
        await using (await HostProcess.StartAsync(settings))
        {
            var waited = Stopwatch.StartNew();
            while (receiver.Spans.Select(s => Attribute(s, "eligibility.decision_id")).Distinct().Count() < given.Count && waited.Elapsed < Patience) await Task.Delay(50);
            var spans = receiver.Spans.ToList();
            log.WriteLine($"arrived {clock.Elapsed}: {spans.Count} spans for {given.Count} records");
            spans.Select(s => Attribute(s, "eligibility.decision_id")).Distinct().Order().ShouldBe(given.Order());
            var byPosition = spans.GroupBy(Position).OrderBy(g => g.Key).ToList();
            byPosition.Select(g => g.Key).ShouldBe(Enumerable.Range(1, given.Count).Select(i => (long)i));
            // Sent twice only when taken before the kill, and then the same record: its ids and chain hash, so the
            // Logboek can drop the second.
            var takenPositions = taken.Select(Position).ToHashSet();
            byPosition.Where(g => g.Count() > 1).ShouldAllBe(g => takenPositions.Contains(g.Key));
            foreach (var sent in byPosition)
                sent.Select(s => (Attribute(s, "eligibility.decision_id"), Hex(s.SpanId), Hex(s.TraceId), Attribute(s, "eligibility.audit.chain.hash"))).Distinct()
                    .ShouldHaveSingleItem();
        }

        static long Position(Span span) => long.Parse(Attribute(span, "eligibility.audit.chain.position")!);
    }

    [Fact]
    public async Task A_token_callers_client_id_names_the_foreign_operation_and_a_malformed_traceparent_is_said_at_debug_without_its_value()
    {
        using var tokens = new TestTokens();
        var logs = new CapturedLogs();
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await RunningHost.StartLoggingAsync(logs, Engine, Activity, "--Audit:Logboek:Endpoint=" + receiver.Endpoint,
            "--Security:Jwt:Issuer=" + TestTokens.Issuer, "--Security:Jwt:Audience=" + TestTokens.Audience, "--Security:Jwt:JwksFile=" + tokens.JwksFile);
        using var http = host.CreateHttp(clientCertificate: null);
        var (callerTrace, callerSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var traceparent = $"00-{callerTrace}-{callerSpan}-01";
        const string uriClient = "https://zaaksysteem.gemeente-testdam.nl/eligibility";
        const string malformed = "00-kapotte-traceparent-4f2b9c-01";

        var underIssuer = await Post(http, tokens.Token("beoordelen"), traceparent);
        var asUri = await Post(http, tokens.Token("beoordelen", clientId: uriClient), traceparent);
        var ignored = await Post(http, tokens.Token("beoordelen"), malformed);

        var spans = await receiver.WaitForAsync(3, Patience);
        spans.Select(s => Attribute(s, "eligibility.decision_id")).ShouldBe([underIssuer, asUri, ignored]);
        // A client id is unique at its issuer only: the entity is the client id under the token's iss, unless it is a URI itself.
        Attribute(spans[0], "dpl.core.foreign_operation.entity").ShouldBe($"{TestTokens.Issuer}#client_id={TestTokens.ClientId}");
        Attribute(spans[0], "dpl.core.foreign_operation.trace_id").ShouldBe(callerTrace.ToHexString());
        Attribute(spans[0], "dpl.core.foreign_operation.operation_id").ShouldBe(callerSpan.ToHexString());
        spans[0].Links.ShouldHaveSingleItem().Attributes.ShouldContain(a => a.Key == "dpl.core.foreign_operation.entity"
                                                                            && a.Value.StringValue == $"{TestTokens.Issuer}#client_id={TestTokens.ClientId}");
        Attribute(spans[1], "dpl.core.foreign_operation.entity").ShouldBe(uriClient);
        Attribute(spans[2], "dpl.core.foreign_operation.trace_id").ShouldBeNull();
        spans[2].Links.ShouldBeEmpty();

        logs.Lines.ShouldContain(l => l.StartsWith("Debug ", StringComparison.Ordinal) && l.Contains("A traceparent that is not W3C Trace Context was ignored"));
        logs.Lines.Where(l => l.Contains("kapotte-traceparent")).ShouldBeEmpty();
    }

    private static async Task<string> Post(HttpClient http, string token, string traceparent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beoordelingen")
        {
            Content = new StringContent(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("decision").GetProperty("decisionId").GetString()!;
    }

    [Fact]
    public async Task A_wrong_endpoint_this_hosts_own_grpc_port_leaves_it_serving_degraded_with_the_reason_and_the_backlog_kept()
    {
        var port = RunningHost.FreePort();
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, Engine, Activity, $"{RunningHost.GrpcUrl}http://127.0.0.1:{port}",
            $"--Audit:Logboek:Endpoint=http://127.0.0.1:{port}", "--Audit:Logboek:MaxBackoffSeconds=1");
        await ShouldServeAndKeepTheBacklog(host, "Unimplemented");
    }

    [Fact]
    public async Task A_logboek_whose_certificate_the_host_does_not_trust_leaves_it_serving_degraded_with_the_reason_and_the_backlog_kept()
    {
        await using var receiver = await OtlpReceiver.StartAsync(pki);
        // No Logboek:TrustAnchorFile: the system's trust store, which does not hold the test CA.
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, Engine, Activity, "--Audit:Logboek:Endpoint=" + receiver.Endpoint,
            "--Audit:Logboek:MaxBackoffSeconds=1");
        await ShouldServeAndKeepTheBacklog(host, "certificate");
        receiver.Exports.ShouldBe(0);
    }

    /// <summary>Two decisions given while shipping fails: the host SERVING, the check Degraded saying <paramref name="reason"/>,
    /// both records kept (health, gauge, store) and none acknowledged.</summary>
    private async Task ShouldServeAndKeepTheBacklog(RunningHost host, string reason)
    {
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        for (var i = 0; i < 2; i++) await client.EvaluateAsync(Sample());
        using var http = host.CreateHttp(clientCertificate: null);
        var health = await WaitForHealth(http, "Degraded", backlog: 2);
        var description = health.GetProperty("checks").GetProperty("logboek").GetProperty("description").GetString()!;
        log.WriteLine(description);
        description.ShouldContain(reason, Shouldly.Case.Insensitive);
        description.ShouldContain("2 record(s) kept to ship");
        (await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest())).Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
        Metrics(host.Services).Backlog.ShouldBe(2);
        await using var store = await DecisionStores.OpenAsync(host.AuditStore);
        (await store.CountAsync()).ShouldBe(2);
        (await store.ShippingStatesAsync()).ShouldHaveSingleItem().AcknowledgedPosition.ShouldBe(0);
    }

    [Fact]
    public async Task Without_an_endpoint_the_host_has_no_logboek_check_no_backlog_gauge_and_ships_nothing()
    {
        await new EligibilityService.EligibilityServiceClient(shared.Channel).EvaluateAsync(Sample());
        using var http = shared.CreateHttp(clientCertificate: null);
        var checks = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement.GetProperty("checks");
        checks.EnumerateObject().ShouldNotBeEmpty();
        checks.TryGetProperty("logboek", out _).ShouldBeFalse();
        var metrics = Metrics(shared.Services);
        metrics.Instruments.ShouldNotBeEmpty();
        metrics.Instruments.ShouldNotContain(Backlog);
        shared.Services.GetServices<IHostedService>().ShouldNotContain(s => s is Host.Audit.Logboek.LogboekShipper);
        await using var store = await DecisionStores.OpenAsync(shared.AuditStore);
        (await store.ShippingStatesAsync()).ShouldBeEmpty();
        AuditStatus(shared.AuditStore).ShouldContain("nog nooit naar een Logboek verzonden");
    }

    [Theory]
    [InlineData(null, "Audit:Logboek:Endpoint is set but Audit:ProcessingActivityId is not")]
    [InlineData("vwr-beschut-werk-01", "Audit:ProcessingActivityId 'vwr-beschut-werk-01' is not an absolute URI")]
    [InlineData("/verwerkingen/3", "Audit:ProcessingActivityId '/verwerkingen/3' is not an absolute URI")]
    public void With_an_endpoint_a_missing_or_relative_processing_activity_stops_the_host(string? activity, string reason) =>
        Refused(["--Audit:Logboek:Endpoint=http://127.0.0.1:4317", .. activity is null ? Array.Empty<string>() : ["--Audit:ProcessingActivityId=" + activity]])
            .ShouldContain(reason);

    [Fact]
    public void An_endpoint_that_is_not_http_or_a_certificate_key_or_trust_anchor_that_cannot_be_read_stops_the_host()
    {
        var folder = Directory.CreateTempSubdirectory("ee-logboek-files-").FullName;
        var garbage = Path.Combine(folder, "garbage.pem");
        File.WriteAllText(garbage, "geen PEM");
        var missing = Path.Combine(folder, "missing.pem");
        string[] https = [Activity, "--Audit:Logboek:Endpoint=https://logboek.example.nl:4317"];

        Refused([Activity, "--Audit:Logboek:Endpoint=grpc://logboek.example.nl:4317"])
            .ShouldContain("Audit:Logboek:Endpoint 'grpc://logboek.example.nl:4317' is not an http(s) URL of an OTLP/gRPC receiver");
        Refused([Activity, "--Audit:Logboek:Endpoint=logboek.example.nl"]).ShouldContain("is not an http(s) URL");
        const string unreadable = "Audit:Logboek: the client certificate, its key or the trust anchor cannot be read";
        Refused([.. https, "--Audit:Logboek:ClientCertificateFile=" + missing, "--Audit:Logboek:ClientKeyFile=" + missing]).ShouldContain(unreadable);
        Refused([.. https, "--Audit:Logboek:ClientCertificateFile=" + pki.ServerCertificateFile, "--Audit:Logboek:ClientKeyFile=" + garbage]).ShouldContain(unreadable);
        Refused([.. https, "--Audit:Logboek:TrustAnchorFile=" + missing]).ShouldContain(unreadable);
        Refused([.. https, "--Audit:Logboek:TrustAnchorFile=" + garbage]).ShouldContain(unreadable);
        // The same settings with files that can be read start.
        Started([.. https, "--Audit:Logboek:ClientCertificateFile=" + pki.ServerCertificateFile, "--Audit:Logboek:ClientKeyFile=" + pki.ServerKeyFile,
            "--Audit:Logboek:TrustAnchorFile=" + pki.TrustAnchorFile]);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_refused_setting_ends_the_process_with_exit_code_2_and_one_line_saying_why()
    {
        var store = Path.Combine(Directory.CreateTempSubdirectory("ee-logboek-refused-").FullName, "decisions.db");
        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync("--Audit:Store=" + store, "--Audit:Logboek:Endpoint=http://127.0.0.1:4317"));
        failure.Message.ShouldContain("exited with 2");
        failure.Message.ShouldContain("EligibilityEngine does not start: Audit:Logboek:Endpoint is set but Audit:ProcessingActivityId is not");
        failure.Message.ShouldNotContain("   at ");
    }

    /// <summary>Builds the host as it starts (without listening) on a store of its own; the refusal's message.</summary>
    private static string Refused(string[] settings) => Should.Throw<AuditConfigurationException>(() => Build(settings)).Message;

    private static void Started(string[] settings) => Build(settings);

    private static void Build(string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("ee-logboek-build-").FullName;
        try
        {
            Host.EligibilityHost.Build(["--Audit:Store=" + Path.Combine(folder, "decisions.db"), .. settings]).DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The instruments of this host's meters (not those of other hosts in the test process) and the value of
    /// its backlog gauge as a metrics reader takes it, if it has one.</summary>
    internal static (IReadOnlyList<string> Instruments, long? Backlog) Metrics(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        var instruments = new List<string>();
        long? backlog = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope != meters) return;
            instruments.Add(instrument.Name);
            if (instrument.Name == Backlog) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => backlog = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return (instruments, backlog);
    }

    private static async Task<JsonElement> WaitForHealth(HttpClient http, string status, long? backlog = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync("/health");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var logboek = body.GetProperty("checks").GetProperty("logboek");
            if (logboek.GetProperty("status").GetString() == status
                && (backlog is null || logboek.GetProperty("data").GetProperty("backlog").GetInt64() == backlog)) return body;
            if (waited.Elapsed > Patience) throw new TimeoutException($"the Logboek check stayed {logboek}");
            await Task.Delay(100);
        }
    }
}
