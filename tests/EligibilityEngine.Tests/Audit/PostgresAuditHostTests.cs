using EligibilityEngine.Audit;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Grpc.Core;

namespace EligibilityEngine.Tests.Audit;

/// <summary>The host on a real PostgreSQL: decisions recorded there, and while the database is away calls fail
/// UNAVAILABLE without a decision, then recover by themselves when it is back.</summary>
[Trait(Category.Name, Category.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditHostTests(PostgresServer server)
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
}
