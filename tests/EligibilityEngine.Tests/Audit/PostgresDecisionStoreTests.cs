using System.Data.Common;
using EligibilityEngine.Audit;
using EligibilityEngine.Tests.Support;
using Npgsql;

namespace EligibilityEngine.Tests.Audit;

/// <summary>The store contract on a real PostgreSQL server, a fresh database per test.</summary>
[Trait(Category.Name, Category.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresDecisionStoreTests(PostgresServer server) : DecisionStoreContract
{
    private string? _connectionString;

    protected override async Task<IDecisionStore> OpenAsync() =>
        await PostgresDecisionStore.OpenAsync(_connectionString ??= await server.CreateDatabaseAsync());

    protected override async Task<DbConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override IReadOnlyList<(string Index, string Column)> DroppedByNewestMigration { get; } = [("decision_records_outcomes", "outcomes")];

    protected override string IndexNamesSql => "SELECT indexname FROM pg_indexes WHERE tablename = 'decision_records'";

    // PostgreSQL has no REPLACE; an upsert's DO UPDATE fires the row's UPDATE trigger.
    protected override IEnumerable<string> Rewrites(string row) =>
        ["INSERT INTO decision_records " + row + " ON CONFLICT (decision_id) DO UPDATE SET outcomes = excluded.outcomes"];

    /// <summary>The database refuses connections and drops the open ones, as when the server goes away.</summary>
    protected override async Task<IAsyncDisposable> OutageAsync()
    {
        await server.TakeDownAsync(_connectionString!);
        return new Restore(() => server.BringUpAsync(_connectionString!));
    }

    [Fact]
    public async Task Truncate_is_refused_too()
    {
        await Store.AppendAsync([AuditSamples.Record("positief-advies.yaml", DateTimeOffset.UtcNow)]);
        await using var connection = await ConnectAsync();
        await using var truncate = connection.CreateCommand();
        truncate.CommandText = "TRUNCATE decision_records";
        (await Should.ThrowAsync<PostgresException>(() => truncate.ExecuteNonQueryAsync())).MessageText.ShouldContain("append-only");
        (await Store.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Replicas_opening_the_store_together_migrate_it_once()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostgresDecisionStore.OpenAsync(connectionString)));
        foreach (var store in stores) await store.DisposeAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // One row per migration (the schema, the hash chain of issue #25, the indexes dropped in #26), each written once.
        await using var versions = new NpgsqlCommand("SELECT COUNT(*) FROM audit_schema_version", connection);
        Convert.ToInt32(await versions.ExecuteScalarAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task One_replica_ships_at_a_time_and_another_takes_over_when_it_stops()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var first = await PostgresDecisionStore.OpenAsync(connectionString);
        await using var second = await PostgresDecisionStore.OpenAsync(connectionString);
        var lease = (await first.TryLeadShippingAsync()).ShouldNotBeNull();
        (await second.TryLeadShippingAsync()).ShouldBeNull();
        await lease.DisposeAsync();
        await using var taken = (await second.TryLeadShippingAsync()).ShouldNotBeNull();
        (await first.TryLeadShippingAsync()).ShouldBeNull();
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
