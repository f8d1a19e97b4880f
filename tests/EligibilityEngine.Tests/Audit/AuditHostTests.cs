using System.Diagnostics;
using System.Net;
using System.Text;
using EligibilityEngine.Audit;
using EligibilityEngine.Cases;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace EligibilityEngine.Tests.Audit;

/// <summary>The host's audit log as an auditor finds it: one committed record per decision given, over gRPC, JSON and
/// batches, with the caller's trace and a pseudonym for the person; no decision when its record cannot be written.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class AuditHostTests
{
    private const string Bsn = "999990019";

    private static string SampleJson(string name = "positief-advies") =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", name + ".json"));

    private static EvaluateRequest Sample(string name = "positief-advies") => Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(SampleJson(name));

    private static async Task<IDecisionStore> Open(RunningHost host) => await SqliteDecisionStore.OpenAsync(host.AuditStore);

    [Fact]
    public async Task Every_decision_given_over_grpc_json_and_in_a_batch_leaves_exactly_one_record_with_its_id()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules);
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var given = new List<string>();
        for (var i = 0; i < 3; i++) given.Add((await client.EvaluateAsync(Sample())).Decision.DecisionId);
        using var http = host.CreateHttp(clientCertificate: null);
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.PostAsync("/v1/beoordelingen", new StringContent(SampleJson(), Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            given.Add(body.RootElement.GetProperty("decision").GetProperty("decisionId").GetString()!);
        }

        using (var batch = client.EvaluateBatch())
        {
            foreach (var name in new[] { "positief-advies", "quotum-bereikt-ander-aanbod" })
                await batch.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = Sample(name) });
            // An invalid item gets an error and leaves no record: there is no decision.
            await batch.RequestStream.WriteAsync(new EvaluateBatchRequest { Request = new EvaluateRequest { AsOf = "2018-02-30" } });
            await batch.RequestStream.CompleteAsync();
            await foreach (var item in batch.ResponseStream.ReadAllAsync())
                if (item.ResultCase == EvaluateBatchResponse.ResultOneofCase.Decision) given.Add(item.Decision.DecisionId);
        }

        await using var store = await Open(host);
        var records = await store.ListAsync(new RecordQuery());
        given.Count.ShouldBe(7);
        records.Select(r => r.DecisionId.ToString()).Order().ShouldBe(given.Order());
        records.Select(r => r.Channel).ShouldBe(["grpc", "grpc", "grpc", "json", "json", "grpc", "grpc"]);
        records.ShouldAllBe(r => r.DecisionId.Version == 7 && r.ReceivedAt <= r.DecidedAt && r.Operation.Status == "Ok"
                                  && r.Operation.Name == "beoordelen-beschut-werk" && r.Decision.Engine.Name == "NRules" && r.EncryptedFacts == null);

        // The same facts give the same input hash whether sent as gRPC, as JSON or kept as a case file.
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "positief-advies.yaml"));
        records.Take(5).ShouldAllBe(r => r.InputHash == CaseInputHash.Compute(file.Case, file.AsOf!.Value));
        var first = records[0];
        first.Decision.AsOf.ShouldBe(new DateOnly(2018, 3, 1));
        first.Decision.RuleSet.Version.ShouldBe("2018-01-01");
        first.Decision.Outcomes.Single(o => o.Id == "advies").Value.ShouldBe("positief");
        first.Decision.Outcomes.Single(o => o.Id == "advies").RuleId.ShouldBe("ADV-POSITIEF");
        first.Decision.Criteria.Single(c => c.Id == "arbeidsvermogen").Citation.ShouldStartWith("Besluit advisering beschut werk art. 3 lid 1");
    }

    [Fact]
    public async Task An_auditor_reads_a_record_and_pages_through_the_log_over_grpc_and_json()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules);
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await client.EvaluateAsync(Sample(i % 2 == 0 ? "positief-advies" : "quotum-bereikt-ander-aanbod"))).Decision.DecisionId);

        var record = (await client.GetDecisionRecordAsync(new GetDecisionRecordRequest { DecisionId = ids[0] })).Record;
        record.DecisionId.ShouldBe(ids[0]);
        record.Channel.ShouldBe("grpc");
        record.Operation.Name.ShouldBe("beoordelen-beschut-werk");
        record.Decision.RuleSet.Version.ShouldBe("2018-01-01");
        record.Decision.Outcomes.ShouldContain(o => o.Id == "advies" && o.Value == "positief" && o.Status == OutcomeStatus.Decided && o.RuleId == "ADV-POSITIEF");
        record.FactsStored.ShouldBeFalse();

        var pages = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListDecisionRecordsAsync(new ListDecisionRecordsRequest { PageSize = 2, PageToken = token });
            page.Records.Count.ShouldBeLessThanOrEqualTo(2);
            pages.AddRange(page.Records.Select(r => r.DecisionId));
            token = page.NextPageToken;
        } while (token.Length > 0);
        pages.ShouldBe(ids);
        (await client.ListDecisionRecordsAsync(new ListDecisionRecordsRequest { Outcome = "geen_plicht_quotum_bereikt" })).Records.Count.ShouldBe(2);

        using var http = host.CreateHttp(clientCertificate: null);
        using var one = await http.GetAsync($"/v1/beoordelingen/{ids[1]}");
        one.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Text.Json.JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement.GetProperty("decisionId").GetString().ShouldBe(ids[1]);
        using var missing = await http.GetAsync($"/v1/beoordelingen/{Guid.CreateVersion7()}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var list = await http.GetAsync("/v1/beoordelingen?pageSize=3");
        System.Text.Json.JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("records").GetArrayLength().ShouldBe(3);
        using var bad = await http.GetAsync("/v1/beoordelingen?pageSize=5000&pageToken=nope");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.ShouldContain("pageSize");
        problem.ShouldContain("pageToken");
    }

    [Fact]
    public async Task A_callers_traceparent_is_recorded_as_the_foreign_operation_beside_a_trace_of_the_hosts_own()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules);
        var (traceId, callerSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var answer = await new EligibilityService.EligibilityServiceClient(host.Channel)
            .EvaluateAsync(Sample(), new Metadata { { "traceparent", $"00-{traceId}-{callerSpan}-01" } });

        await using var store = await Open(host);
        var record = (await store.FindAsync(Guid.Parse(answer.Decision.DecisionId))).ShouldNotBeNull();
        // Logboek Dataverwerkingen: the caller's operation is another party's (foreign_operation); this organisation's
        // processing has a trace of its own and no parent within it. The host runs open: who called is not known.
        record.Operation.ForeignOperation.ShouldBe(new ForeignOperation(traceId.ToHexString(), callerSpan.ToHexString(), null));
        record.Operation.TraceId.ShouldNotBe(traceId.ToHexString());
        record.Operation.TraceId.Length.ShouldBe(32);
        record.Operation.ParentSpanId.ShouldBeNull();
        record.Operation.SpanId.ShouldNotBe(callerSpan.ToHexString());
        record.Operation.SpanId.Length.ShouldBe(16);
    }

    [Fact]
    public async Task The_person_is_recorded_only_as_a_keyed_pseudonym_never_as_the_id_and_the_id_is_in_no_log()
    {
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(AuditSamples.Key));
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartLoggingAsync(logs, "--Audit:SubjectKeyFile=" + keyFile, "--Audit:ProcessingActivityId=vwr-0042");
        var request = Sample();
        request.DataSubject = new EligibilityEngine.Grpc.V1.DataSubject { Id = Bsn, IdType = "BSN" };
        var answer = await new EligibilityService.EligibilityServiceClient(host.Channel).EvaluateAsync(request);

        await using (var store = await Open(host))
        {
            var record = (await store.FindAsync(Guid.Parse(answer.Decision.DecisionId))).ShouldNotBeNull();
            record.Operation.DataSubjectId.ShouldBe(new SubjectPseudonym(AuditSamples.Key).Of(Bsn));
            record.Operation.DataSubjectIdType.ShouldBe("BSN");
            record.Operation.ProcessingActivityId.ShouldBe("vwr-0042");
        }

        SqliteConnection.ClearAllPools();
        var stored = string.Concat(Directory.GetFiles(Path.GetDirectoryName(host.AuditStore)!).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        stored.ShouldNotContain(Bsn);
        logs.Lines.ShouldNotContain(l => l.Contains(Bsn));
        File.Delete(keyFile);
    }

    [Fact]
    public async Task A_data_subject_is_refused_by_a_deployment_without_a_pseudonym_key_and_a_bad_one_names_its_fields()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules);
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var request = Sample();
        request.DataSubject = new EligibilityEngine.Grpc.V1.DataSubject { Id = Bsn, IdType = "BSN" };
        (await Should.ThrowAsync<RpcException>(() => client.EvaluateAsync(request).ResponseAsync)).StatusCode.ShouldBe(StatusCode.FailedPrecondition);

        request.DataSubject = new EligibilityEngine.Grpc.V1.DataSubject { Id = "", IdType = "B S N" };
        var invalid = await Should.ThrowAsync<RpcException>(() => client.EvaluateAsync(request).ResponseAsync);
        invalid.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        invalid.Status.Detail.ShouldContain("data_subject.id ");
        invalid.Status.Detail.ShouldContain("data_subject.id_type ");
        await using var store = await Open(host);
        (await store.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Facts_are_stored_only_when_turned_on_and_then_encrypted_under_the_configured_key()
    {
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(AuditSamples.Key));
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, "--Audit:StoreFacts=true", "--Audit:FactsKeyFile=" + keyFile);
        var answer = await new EligibilityService.EligibilityServiceClient(host.Channel).EvaluateAsync(Sample());

        await using var store = await Open(host);
        var record = (await store.FindAsync(Guid.Parse(answer.Decision.DecisionId))).ShouldNotBeNull();
        Encoding.Latin1.GetString(record.EncryptedFacts.ShouldNotBeNull()).ShouldNotContain("1994-05-17");
        var facts = new FactsCipher(AuditSamples.Key).Decrypt(record.EncryptedFacts!, record.DecisionId);
        facts.ShouldContain("date_of_birth: 1994-05-17");
        Should.Throw<System.Security.Cryptography.CryptographicException>(() => new FactsCipher(new byte[32]).Decrypt(record.EncryptedFacts!, record.DecisionId));
        File.Delete(keyFile);
    }

    [Fact]
    public void Storing_facts_without_a_key_or_with_a_short_key_stops_the_host_with_a_plain_message()
    {
        Should.Throw<AuditConfigurationException>(() => EligibilityEngine.Host.EligibilityHost.Build(["--Audit:StoreFacts=true"]))
            .Message.ShouldContain("Audit:FactsKeyFile");
        var shortKey = Path.GetTempFileName();
        File.WriteAllText(shortKey, Convert.ToBase64String(new byte[16]));
        Should.Throw<AuditConfigurationException>(() => EligibilityEngine.Host.EligibilityHost.Build(["--Audit:SubjectKeyFile=" + shortKey]))
            .Message.ShouldContain("16 bytes; it needs at least 32");
        File.Delete(shortKey);
    }

    [Fact]
    public async Task While_the_store_is_locked_calls_fail_unavailable_and_503_without_a_decision_and_then_recover()
    {
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, "--Audit:SqliteBusyTimeoutMilliseconds=200");
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        using var http = host.CreateHttp(clientCertificate: null);
        await client.EvaluateAsync(Sample());

        await using (var locker = new SqliteConnection($"Data Source={host.AuditStore};Pooling=false"))
        {
            await locker.OpenAsync();
            await using (var exclusive = locker.CreateCommand())
            {
                exclusive.CommandText = "BEGIN EXCLUSIVE";
                await exclusive.ExecuteNonQueryAsync();
            }

            var refused = await Should.ThrowAsync<RpcException>(() => client.EvaluateAsync(Sample()).ResponseAsync);
            refused.StatusCode.ShouldBe(StatusCode.Unavailable);
            refused.Status.Detail.ShouldContain("could not be recorded");
            using var response = await http.PostAsync("/v1/beoordelingen", new StringContent(SampleJson(), Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("advies");
        }

        var after = await client.EvaluateAsync(Sample());
        await using var store = await Open(host);
        var records = await store.ListAsync(new RecordQuery());
        records.Count.ShouldBe(2);
        records[1].DecisionId.ToString().ShouldBe(after.Decision.DecisionId);
    }

    [Fact]
    public void A_store_whose_shm_file_cannot_be_written_stops_the_host_at_start_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("ee-audit-").FullName;
        var store = Path.Combine(folder, "decisions.db");
        File.WriteAllBytes(store + "-shm", []);
        try
        {
            using (new UnwritableFile(store + "-shm"))
                Should.Throw<AuditConfigurationException>(() => EligibilityEngine.Host.EligibilityHost.Build(["--Audit:Store=" + store]))
                    .Message.ShouldContain($"'{store}-shm' cannot be written");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A host process, since SIGBUS would end the test run with it. The load stops while the file changes: an operation
    /// already past the host's check when the file becomes unwritable can still meet the fault (docs/security.md); what
    /// this proves is that every call after it fails UNAVAILABLE with the reason logged, the process lives, and calls
    /// succeed again once the file can be written.
    /// </summary>
    [Fact]
    public async Task Under_load_an_shm_file_that_becomes_unwritable_fails_calls_unavailable_and_the_host_lives()
    {
        var folder = Directory.CreateTempSubdirectory("ee-audit-").FullName;
        var store = Path.Combine(folder, "decisions.db");
        try
        {
            await using var host = await HostProcess.StartAsync("--Audit:Store=" + store);
            var client = new EligibilityService.EligibilityServiceClient(host.Channel);
            (await Load(client)).ShouldAllBe(code => code == StatusCode.OK);
            File.Exists(store + "-shm").ShouldBeTrue("the store runs in WAL mode");

            using (new UnwritableFile(store + "-shm"))
            {
                (await Load(client)).ShouldAllBe(code => code == StatusCode.Unavailable);
                host.HasExited.ShouldBeFalse();
                host.LastLines.ShouldContain(line => line.Contains("-shm") && line.Contains("cannot be written"), string.Join("\n", host.LastLines));
            }

            (await Load(client)).ShouldAllBe(code => code == StatusCode.OK);
            host.HasExited.ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // Four callers at once, 25 calls each: records written in shared transactions, as under real load.
        static async Task<StatusCode[]> Load(EligibilityService.EligibilityServiceClient client) =>
            (await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                var codes = new List<StatusCode>();
                for (var i = 0; i < 25; i++)
                {
                    try
                    {
                        await client.EvaluateAsync(Sample());
                        codes.Add(StatusCode.OK);
                    }
                    catch (RpcException ex)
                    {
                        codes.Add(ex.StatusCode);
                    }
                }

                return codes;
            }))).SelectMany(c => c).ToArray();
    }
}
