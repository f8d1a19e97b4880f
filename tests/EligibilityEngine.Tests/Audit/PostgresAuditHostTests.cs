using EligibilityEngine.Audit;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using System.Text.Json;

namespace EligibilityEngine.Tests.Audit;

/// <summary>The host on a real PostgreSQL: decisions recorded there, and while the database is away calls fail
/// UNAVAILABLE without a decision, then recover by themselves when it is back. Of two replicas shipping to one Logboek,
/// the one that does not ship reports the backlog too.</summary>
[Trait(Category.Name, Category.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditHostTests(PostgresServer server, Xunit.Abstractions.ITestOutputHelper output)
{
    private static EvaluateRequest Sample() => Google.Protobuf.JsonParser.Default.Parse<EvaluateRequest>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "requests", "positief-advies.json")));

    [Fact]
    public async Task While_the_database_is_down_mid_run_calls_fail_unavailable_and_every_answered_call_is_recorded_once()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, "--Audit:Store=" + connectionString);
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var answered = new List<string>();
        for (var i = 0; i < 5; i++) answered.Add((await client.EvaluateAsync(Sample())).Decision.DecisionId);

        await server.TakeDownAsync(connectionString);
        for (var i = 0; i < 3; i++)
        {
            var refused = await Should.ThrowAsync<RpcException>(() => client.EvaluateAsync(Sample()).ResponseAsync);
            refused.StatusCode.ShouldBe(StatusCode.Unavailable);
            refused.Status.Detail.ShouldContain("could not be recorded");
        }

        await server.BringUpAsync(connectionString);
        for (var i = 0; i < 5; i++) answered.Add((await client.EvaluateAsync(Sample())).Decision.DecisionId);

        await using var store = await PostgresDecisionStore.OpenAsync(connectionString);
        var records = await store.ListAsync(new RecordQuery());
        records.Select(r => r.DecisionId.ToString()).ShouldBe(answered);
    }

    [Fact]
    public async Task A_replica_that_does_not_ship_reports_the_backlog_from_the_shipping_ones_position_until_it_drains()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        await receiver.DownAsync();
        string[] settings =
        [
            "--Engine:Kind=compiled", "--Audit:Store=" + connectionString, "--Audit:ProcessingActivityId=https://register.example.nl/verwerkingen/beschut-werk/3",
            "--Audit:Logboek:Endpoint=" + receiver.Endpoint, "--Audit:Logboek:MaxBackoffSeconds=1",
        ];
        await using var a = await RunningHost.StartAsync(RepositoryPaths.Rules, settings);
        await using var b = await RunningHost.StartAsync(RepositoryPaths.Rules, settings);
        for (var i = 0; i < 3; i++) await new EligibilityService.EligibilityServiceClient(a.Channel).EvaluateAsync(Sample());
        for (var i = 0; i < 2; i++) await new EligibilityService.EligibilityServiceClient(b.Channel).EvaluateAsync(Sample());

        // The Logboek down: the replica holding the lock fails, lets go of it and waits, the other may take it
        // meanwhile; either way both hold the five records as backlog.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Until(async () => (await Logboek(a)).Backlog == 5 && (await Logboek(b)).Backlog == 5);
        output.WriteLine($"both report 5: {clock.Elapsed}");

        // Up: one replica ships, and keeps the lock; the other follows and sees the backlog drained.
        await receiver.UpAsync();
        (await receiver.WaitForAsync(5, TimeSpan.FromSeconds(20))).Count.ShouldBe(5);
        RunningHost? following = null;
        await Until(async () =>
        {
            var (inA, inB) = (await Logboek(a), await Logboek(b));
            following = inA.Leading ? b : a;
            return inA.Backlog == 0 && inB.Backlog == 0 && inA.Leading != inB.Leading;
        });
        output.WriteLine($"both report 0: {clock.Elapsed}");
        LogboekShippingTests.Metrics(following!.Services).Backlog.ShouldBe(0);
        (await Logboek(following)).Leading.ShouldBeFalse();
    }

    /// <summary>The <c>logboek</c> check of a replica's <c>GET /health</c>.</summary>
    private static async Task<(long Backlog, bool Leading)> Logboek(RunningHost host)
    {
        using var http = host.CreateHttp(clientCertificate: null);
        var data = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement.GetProperty("checks").GetProperty("logboek").GetProperty("data");
        return (data.GetProperty("backlog").GetInt64(), data.GetProperty("leading").GetBoolean());
    }

    /// <summary>Waits for <paramref name="condition"/>; a replica that does not ship looks again every five seconds.</summary>
    private static async Task Until(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("the replicas' Logboek checks did not get there within 20 s");
            await Task.Delay(100);
        }
    }
}
