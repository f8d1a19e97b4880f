using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EligibilityEngine.Audit;
using EligibilityEngine.Cli;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host.Otlp.Trace;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Audit;

/// <summary>
/// Shipping to the organisation's Logboek over OTLP/gRPC, against a receiver that speaks the real protocol on a socket:
/// every decision arrives once as the standard's log line, field by field; a Logboek that refuses or is down leaves the
/// host serving and the records waiting, and they all arrive once it takes them; a host killed mid-backlog ships them
/// after its restart.
/// </summary>
[Trait(Category.Name, Category.Process)]
public sealed class LogboekShippingTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The compiled engine: ready sooner than NRules, and the engine is not what these tests are about.</summary>
    private const string Engine = "--Engine:Kind=compiled";

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
        using var pki = new TestPki();
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
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, Engine, "--Audit:Logboek:Endpoint=" + receiver.Endpoint, "--Audit:Logboek:MaxBackoffSeconds=1");
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

        receiver.Refuse = false;
        await receiver.UpAsync();
        var spans = await receiver.WaitForAsync(10, Patience);
        spans.Select(s => Attribute(s, "eligibility.decision_id")).ShouldBe(given);
        log.WriteLine($"drained {clock.Elapsed}");
        await WaitForHealth(http, "Healthy", backlog: 0);
        AuditStatus(host.AuditStore).ShouldContain("bevestigd t/m positie 10");
    }

    [Fact]
    public async Task A_host_killed_mid_backlog_ships_every_record_after_its_restart()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await receiver.DownAsync();
        var store = Path.Combine(Directory.CreateTempSubdirectory("ee-logboek-kill-").FullName, "decisions.db");
        string[] settings = [Engine, "--Audit:Store=" + store, "--Audit:Logboek:Endpoint=" + receiver.Endpoint, "--Audit:Logboek:MaxBackoffSeconds=1"];
        var given = new List<string>();
        var clock = Stopwatch.StartNew();
        await using (var host = await HostProcess.StartAsync(settings))
        {
            log.WriteLine($"started {clock.Elapsed}");
            var client = new EligibilityService.EligibilityServiceClient(host.Channel);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                for (var i = 0; i < 10; i++)
                {
                    var id = (await client.EvaluateAsync(Sample())).Decision.DecisionId;
                    lock (given) given.Add(id);
                }
            }));
            log.WriteLine($"decided {clock.Elapsed}");
            host.Kill();
        }

        await receiver.UpAsync();
        await using (await HostProcess.StartAsync(settings))
        {
            log.WriteLine($"restarted {clock.Elapsed}");
            var spans = await receiver.WaitForAsync(given.Count, Patience);
            spans.Select(s => Attribute(s, "eligibility.decision_id")).Order().ShouldBe(given.Order());
            log.WriteLine($"arrived {clock.Elapsed}");
            spans.Select(s => long.Parse(Attribute(s, "eligibility.audit.chain.position")!)).ShouldBe(Enumerable.Range(1, given.Count).Select(i => (long)i));
        }
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
