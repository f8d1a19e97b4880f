using System.Diagnostics;
using System.Text;
using EligibilityEngine.Audit;
using EligibilityEngine.Cli;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Audit;

/// <summary>
/// What a database administrator can do that the product cannot: drop the append-only triggers with the database's
/// own client (<c>sqlite3</c>, <c>psql</c>) and change history: alter, delete or slip in a record, alter a search
/// column alone, recompute the chain after a change, forge a checkpoint. <c>eligibility audit verify</c> names what
/// changed.
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

    /// <summary>SQL for a text value as the column holds it (PostgreSQL's decision id is a uuid, its record jsonb).</summary>
    protected virtual string Typed(string text, string column) => Quote(text);

    protected static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    private (int Exit, string Output) Verify(params string[] more) => VerifyStore(_store, more);

    /// <summary><c>eligibility audit verify</c> with the checkpoint key, as an auditor runs it.</summary>
    private (int Exit, string Output) VerifyStore(string store, params string[] more)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(["audit", "verify", "--store", store, "--checkpoint-key-file", KeyFile, .. more], output, error);
        return (exit, output + error.ToString());
    }

    /// <summary>What someone who knows the product does to hide a change: the chain from <paramref name="from"/> on
    /// computed again as the product computes it (and the outcomes column from the changed record), written with the
    /// database's own client.</summary>
    private async Task RecomputeChainAsync(string storeName, long from)
    {
        var sql = new StringBuilder();
        await using (var store = await DecisionStores.OpenAsync(storeName))
        {
            var previous = RecordChain.Start;
            foreach (var row in await store.ReadChainRowsAsync(0, long.MaxValue, 1000))
            {
                if (row.Position < from)
                {
                    previous = row.ChainHash;
                    continue;
                }

                var record = RecordJson.Deserialize(row.Json, row.Facts);
                var chain = RecordChain.Link(previous, row.Position, RecordChain.ContentHash(record));
                sql.Append($"UPDATE decision_records SET previous_hash = '{previous}', chain_hash = '{chain}', outcomes = {Quote(record.Decision.OutcomeSummary)} " +
                           $"WHERE chain_position = {row.Position};");
                previous = chain;
            }
        }

        await RunSqlAsync(storeName, sql.ToString());
    }

    private async Task<string> ChainHashAt(long position)
    {
        await using var store = await DecisionStores.OpenAsync(_store);
        return (await store.ReadChainRowsAsync(position - 1, position, 1)).Single().ChainHash;
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

    [Fact]
    public async Task A_record_altered_and_the_chain_recomputed_after_it_is_caught_by_the_signed_checkpoint()
    {
        await RunSqlAsync(_store, DropTriggers + AlterOutcome(4));
        await RecomputeChainAsync(_store, 4);
        var (exit, output) = Verify();
        exit.ShouldBe(1, output);
        output.ShouldContain("het eerste bij positie 6");
        output.ShouldContain("controlepunt bij positie 6 (");
        output.ShouldContain("ondertekende een andere keten: de keten is na een wijziging opnieuw berekend");
        output.ShouldNotContain("schakel gebroken");
        output.ShouldNotContain("is gewijzigd");
        Verify("--from", "1", "--to", "3").Exit.ShouldBe(0);
    }

    [Fact]
    public async Task A_forged_checkpoint_is_named_by_eligibility_audit_verify()
    {
        // The chain's true hash at position 5, signed with a key that is not the deployment's.
        var forged = new CheckpointSigner(Enumerable.Repeat((byte)7, 32).ToArray()).Sign(5, await ChainHashAt(5), Noon.AddHours(1));
        await RunSqlAsync(_store, "INSERT INTO audit_checkpoints (chain_position, chain_hash, signed_at, signature) " +
                                  $"VALUES (5, '{forged.ChainHash}', '{forged.SignedAt}', '{forged.Signature}');");
        var (exit, output) = Verify();
        exit.ShouldBe(1, output);
        output.ShouldContain("Keten NIET intact: 1 probleem/problemen, het eerste bij positie 5");
        output.ShouldContain("controlepunt bij positie 5 heeft geen geldige handtekening: het is vervalst of gewijzigd");
    }

    [Fact]
    public async Task A_record_slipped_in_is_named_by_the_broken_link_after_it()
    {
        // A record of its own, correctly linked after position 3; the records from 4 on moved one up to make room.
        var slipped = AuditSamples.Record("positief-advies.yaml", Noon.AddMinutes(3.5));
        var previous = await ChainHashAt(3);
        var chain = RecordChain.Link(previous, 4, RecordChain.ContentHash(slipped));
        await RunSqlAsync(_store, DropTriggers +
                                  "UPDATE decision_records SET chain_position = chain_position + 1000 WHERE chain_position >= 4;" +
                                  "UPDATE decision_records SET chain_position = chain_position - 999 WHERE chain_position >= 1004;" +
                                  "INSERT INTO decision_records (decision_id, decided_at, rule_set_hash, outcomes, subject_pseudonym, caller, record, facts, " +
                                  "chain_position, previous_hash, chain_hash) " +
                                  $"SELECT {Typed(slipped.DecisionId.ToString(), "decision_id")}, decided_at, rule_set_hash, outcomes, subject_pseudonym, caller, " +
                                  $"{Typed(RecordJson.Serialize(slipped), "record")}, facts, 4, '{previous}', '{chain}' FROM decision_records WHERE chain_position = 3;");
        var (exit, output) = Verify();
        exit.ShouldBe(1, output);
        output.ShouldContain("het eerste bij positie 5");
        output.ShouldContain("schakel gebroken bij positie 5: de vorige hash is niet die van positie 4");
    }

    [Fact]
    public async Task A_search_column_altered_alone_is_named_by_its_position()
    {
        // `audit list --caller` would now find the decision under someone else.
        await RunSqlAsync(_store, DropTriggers + "UPDATE decision_records SET caller = 'gemeente-elders' WHERE chain_position = 2;");
        var (exit, output) = Verify();
        exit.ShouldBe(1, output);
        output.ShouldContain("Keten NIET intact: 1 probleem/problemen, het eerste bij positie 2");
        output.ShouldContain("positie 2 (beslissing ");
        output.ShouldContain("de zoekkolommen (id, regelset, uitkomsten, betrokkene, aanvrager) kloppen niet met de vastlegging");
    }

    [Fact]
    public async Task A_checkpoint_due_to_the_interval_catches_a_chain_recomputed_before_the_count_is_reached()
    {
        var name = await CreateStoreAsync();
        var clock = new Clock(Noon);
        await using (var store = await DecisionStores.OpenAsync(name))
        {
            // Far more records per checkpoint than written: only the clock makes them due.
            store.Checkpoints = new CheckpointSigner(AuditSamples.Key, every: 1000, interval: TimeSpan.FromMinutes(60));
            store.Time = clock;
            await store.AppendAsync([AuditSamples.Record("positief-advies.yaml", clock.Now)]); // the first write after start
            clock.Now = Noon.AddMinutes(10);
            await store.AppendAsync([AuditSamples.Record("positief-advies.yaml", clock.Now), AuditSamples.Record("positief-advies.yaml", clock.Now)]);
            clock.Now = Noon.AddMinutes(61);
            await store.AppendAsync([AuditSamples.Record("positief-advies.yaml", clock.Now)]);
            clock.Now = Noon.AddMinutes(70);
            await store.AppendAsync([AuditSamples.Record("positief-advies.yaml", clock.Now)]);
            (await store.CheckpointsAsync()).Select(c => (c.Position, c.SignedAt))
                .ShouldBe([(1L, "2026-12-03T12:00:00.0000000Z"), (4L, "2026-12-03T13:01:00.0000000Z")]);
        }

        VerifyStore(name).Output.ShouldContain("5 vastlegging(en), 2 controlepunt(en) met handtekening");
        await RunSqlAsync(name, DropTriggers + AlterOutcome(3));
        await RecomputeChainAsync(name, 3);
        var (exit, output) = VerifyStore(name);
        exit.ShouldBe(1, output);
        output.ShouldContain("controlepunt bij positie 4 (2026-12-03T13:01:00.0000000Z) ondertekende een andere keten");
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
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
    protected override Task<string> CreateStoreAsync() =>
        Task.FromResult(Path.Combine(Directory.CreateTempSubdirectory("ee-tamper-sqlite-").FullName, "decisions.db"));

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

    protected override string Typed(string text, string column) => column switch
    {
        "decision_id" => Quote(text) + "::uuid",
        "record" => Quote(text) + "::jsonb",
        _ => Quote(text),
    };

    protected override string AlterOutcome(long position) =>
        $"UPDATE decision_records SET record = jsonb_set(record, '{{decision,outcomes,0,value}}', '\"negatief\"') WHERE chain_position = {position};";
}
