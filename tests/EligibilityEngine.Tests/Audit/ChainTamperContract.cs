using System.Diagnostics;
using EligibilityEngine.Audit;
using EligibilityEngine.Cli;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Audit;

/// <summary>
/// What a database administrator can do that the product cannot: drop the append-only triggers with the database's
/// own client (<c>sqlite3</c>, <c>psql</c>) and change history. <c>eligibility audit verify</c> names what changed.
/// </summary>
public abstract class ChainTamperContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("ee-tamper-").FullName;

    /// <summary>The store as <c>--store</c> names it.</summary>
    protected abstract Task<string> CreateStoreAsync();

    /// <summary>Runs SQL with the database's own command-line client.</summary>
    protected abstract Task RunSqlAsync(string store, string sql);

    /// <summary>The statements that drop the append-only triggers.</summary>
    protected abstract string DropTriggers { get; }

    /// <summary>A position's record, as the store's JSON, with its outcome changed from positief to negatief.</summary>
    protected abstract string AlterOutcome(long position);

    private string _store = "";
    private string KeyFile => Path.Combine(_folder, "checkpoint.key");

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await File.WriteAllTextAsync(KeyFile, Convert.ToBase64String(AuditSamples.Key));
        await using var store = await DecisionStores.OpenAsync(_store);
        store.Checkpoints = new CheckpointSigner(AuditSamples.Key, every: 3);
        for (var i = 0; i < 6; i++) await store.AppendAsync([AuditSamples.Record("positief-advies.yaml", Noon.AddMinutes(i))]);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private (int Exit, string Output) Verify(params string[] more)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(["audit", "verify", "--store", _store, "--checkpoint-key-file", KeyFile, .. more], output, error);
        return (exit, output + error.ToString());
    }

    [Fact]
    public void An_untouched_chain_verifies_intact_with_its_signed_checkpoints()
    {
        var (exit, output) = Verify();
        output.ShouldContain("Keten gecontroleerd van positie 1 t/m 6: 6 vastlegging(en), 3 controlepunt(en) met handtekening");
        output.ShouldContain("Keten intact");
        exit.ShouldBe(0);
    }

    [Fact]
    public async Task A_record_altered_after_dropping_the_triggers_is_named_by_its_position()
    {
        await RunSqlAsync(_store, DropTriggers + AlterOutcome(4));
        var (exit, output) = Verify();
        exit.ShouldBe(1, output);
        output.ShouldContain("Keten NIET intact: 1 probleem/problemen, het eerste bij positie 4");
        output.ShouldContain("positie 4 (beslissing ");
        output.ShouldContain("is gewijzigd: de inhoud geeft niet de hash waarmee de vastlegging in de keten staat");
        // Before the change, the log is as it was.
        Verify("--from", "1", "--to", "3").Exit.ShouldBe(0);
    }

    [Fact]
    public async Task A_deleted_record_is_named_as_a_gap_and_records_deleted_from_the_end_by_the_checkpoint()
    {
        await RunSqlAsync(_store, DropTriggers + "DELETE FROM decision_records WHERE chain_position = 2;");
        var (exit, output) = Verify();
        exit.ShouldBe(1, output);
        output.ShouldContain("het eerste bij positie 2");
        output.ShouldContain("positie 2 ontbreekt: die vastlegging is verwijderd");

        await RunSqlAsync(_store, "DELETE FROM decision_records WHERE chain_position >= 5;");
        (exit, output) = Verify("--from", "3");
        exit.ShouldBe(1, output);
        output.ShouldContain("controlepunt bij positie 6");
        output.ShouldContain("wijst een vastlegging aan die er niet meer is");
    }

    protected static async Task<string> Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error}");
        return await output;
    }
}

/// <summary>On a SQLite file, changed with Debian's <c>sqlite3</c>.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class SqliteChainTamperTests : ChainTamperContract
{
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("ee-tamper-sqlite-").FullName, "decisions.db");

    protected override Task<string> CreateStoreAsync() => Task.FromResult(_file);

    protected override async Task RunSqlAsync(string store, string sql)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Run("sqlite3", store, sql);
    }

    protected override string DropTriggers =>
        "DROP TRIGGER decision_records_no_update; DROP TRIGGER decision_records_no_delete; DROP TRIGGER decision_records_no_replace;";

    protected override string AlterOutcome(long position) =>
        $"UPDATE decision_records SET record = replace(record, '\"value\":\"positief\"', '\"value\":\"negatief\"') WHERE chain_position = {position};";
}

/// <summary>On PostgreSQL, changed with <c>psql</c>.</summary>
[Trait(Category.Name, Category.Postgres)]
[Collection(PostgresCollection.Name)]
public sealed class PostgresChainTamperTests(PostgresServer server) : ChainTamperContract
{
    protected override Task<string> CreateStoreAsync() => server.CreateDatabaseAsync();

    protected override async Task RunSqlAsync(string store, string sql)
    {
        var c = new Npgsql.NpgsqlConnectionStringBuilder(store);
        await Run("psql", "-v", "ON_ERROR_STOP=1", "-h", c.Host!, "-p", c.Port.ToString(), "-U", c.Username!, "-d", c.Database!, "-c", sql);
    }

    protected override string DropTriggers => "DROP TRIGGER decision_records_no_change ON decision_records;";

    protected override string AlterOutcome(long position) =>
        $"UPDATE decision_records SET record = jsonb_set(record, '{{decision,outcomes,0,value}}', '\"negatief\"') WHERE chain_position = {position};";
}
