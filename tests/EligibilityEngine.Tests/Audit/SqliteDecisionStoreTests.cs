using System.Data.Common;
using EligibilityEngine.Audit;
using Microsoft.Data.Sqlite;

namespace EligibilityEngine.Tests.Audit;

/// <summary>The store contract on a SQLite file of its own.</summary>
public sealed class SqliteDecisionStoreTests : DecisionStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ee-sqlite-").FullName;

    private string File => Path.Combine(_folder, "decisions.db");

    protected override async Task<IDecisionStore> OpenAsync() => await SqliteDecisionStore.OpenAsync(File, busyTimeoutMilliseconds: 200);

    protected override async Task<DbConnection> ConnectAsync()
    {
        var connection = new SqliteConnection($"Data Source={File};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    protected override IReadOnlyList<(string Index, string Column)> DroppedByNewestMigration { get; } =
        [("decision_records_outcomes", "outcomes"), ("decision_records_rule_set_hash", "rule_set_hash")];

    protected override string IndexNamesSql => "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'decision_records'";

    // SQLite's REPLACE deletes the row in the way and inserts the new one; no DELETE trigger fires for that.
    protected override IEnumerable<string> Rewrites(string row) =>
    [
        "INSERT OR REPLACE INTO decision_records " + row,
        "REPLACE INTO decision_records " + row,
        "INSERT INTO decision_records " + row + " ON CONFLICT (decision_id) DO UPDATE SET outcomes = excluded.outcomes",
    ];

    /// <summary>Another process holding the write lock longer than the store waits, as a stuck writer would.</summary>
    protected override async Task<IAsyncDisposable> OutageAsync()
    {
        var connection = await ConnectAsync();
        await using var exclusive = connection.CreateCommand();
        exclusive.CommandText = "BEGIN EXCLUSIVE";
        await exclusive.ExecuteNonQueryAsync();
        return connection; // disposing it rolls back and lets go
    }

    [Fact]
    public async Task The_file_is_in_wal_mode()
    {
        await using var connection = await ConnectAsync();
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        (await mode.ExecuteScalarAsync()).ShouldBe("wal");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
