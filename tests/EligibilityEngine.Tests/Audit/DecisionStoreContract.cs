using System.Data.Common;
using EligibilityEngine.Audit;

namespace EligibilityEngine.Tests.Audit;

/// <summary>
/// What every decision store must do, run against SQLite and against a real PostgreSQL: records read back as written,
/// lists filter on the indexed columns, nothing can be changed or removed, the schema survives reopening, concurrent
/// records all commit, and an outage fails the write instead of losing the record quietly.
/// </summary>
public abstract class DecisionStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    protected IDecisionStore Store { get; private set; } = null!;

    protected abstract Task<IDecisionStore> OpenAsync();

    protected abstract Task<DbConnection> ConnectAsync();

    /// <summary>Makes the store refuse writes for as long as the returned handle is not disposed.</summary>
    protected abstract Task<IAsyncDisposable> OutageAsync();

    /// <summary>The indexes (name, column) the newest migration drops: what a store of the version before still has.</summary>
    protected abstract IReadOnlyList<(string Index, string Column)> DroppedByNewestMigration { get; }

    /// <summary>The names of the indexes on decision_records.</summary>
    protected abstract string IndexNamesSql { get; }

    public async Task InitializeAsync() => Store = await OpenAsync();

    public async Task DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task A_record_reads_back_as_it_was_written_facts_included()
    {
        var record = AuditSamples.Record("positief-advies.yaml", Noon, subjectId: "999990019", oin: "00000001001234567000", withFacts: true);
        await Store.AppendAsync([record]);

        var found = (await Store.FindAsync(record.DecisionId)).ShouldNotBeNull();
        RecordJson.Serialize(found).ShouldBe(RecordJson.Serialize(record));
        found.EncryptedFacts.ShouldBe(record.EncryptedFacts);
        // The stored facts are the very input the record's hash was taken of.
        var facts = new FactsCipher(AuditSamples.Key).Decrypt(found.EncryptedFacts!, found.DecisionId);
        facts.ShouldContain("as_of: 2018-03-01");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(facts))).ShouldBe(found.InputHash);
        (await Store.FindAsync(Guid.CreateVersion7())).ShouldBeNull();
    }

    [Fact]
    public async Task A_list_filters_on_time_rule_set_outcome_subject_and_caller_oldest_first()
    {
        var early = AuditSamples.Record("positief-advies.yaml", Noon.AddHours(-2), subjectId: "999990019", oin: "00000001001234567000");
        var middle = AuditSamples.Record("negatief-geen-arbeidsvermogen.yaml", Noon, subjectId: "999990020");
        var late = AuditSamples.Record("positief-advies.yaml", Noon.AddHours(2));
        await Store.AppendAsync([late, early, middle]);

        Ids(await Store.ListAsync(new RecordQuery())).ShouldBe([early.DecisionId, middle.DecisionId, late.DecisionId]);
        Ids(await Store.ListAsync(new RecordQuery(From: Noon.AddHours(-1), To: Noon.AddHours(1)))).ShouldBe([middle.DecisionId]);
        Ids(await Store.ListAsync(new RecordQuery(RuleSetHash: early.Decision.RuleSet.ContentHash[..12])))
            .ShouldBe(new[] { early, middle, late }.Where(r => r.Decision.RuleSet.ContentHash == early.Decision.RuleSet.ContentHash).Select(r => r.DecisionId));
        Ids(await Store.ListAsync(new RecordQuery(Outcome: "advies=negatief"))).ShouldBe([middle.DecisionId]);
        Ids(await Store.ListAsync(new RecordQuery(Outcome: "negatief"))).ShouldBe([middle.DecisionId]);
        Ids(await Store.ListAsync(new RecordQuery(SubjectPseudonym: new SubjectPseudonym(AuditSamples.Key).Of("999990019")))).ShouldBe([early.DecisionId]);
        Ids(await Store.ListAsync(new RecordQuery(Caller: "00000001001234567000"))).ShouldBe([early.DecisionId]);
        Ids(await Store.ListAsync(new RecordQuery(Limit: 2))).ShouldBe([early.DecisionId, middle.DecisionId]);
        (await Store.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task Records_cannot_be_changed_or_removed_even_with_sql_around_the_product()
    {
        var record = AuditSamples.Record("positief-advies.yaml", Noon);
        await Store.AppendAsync([record]);
        await using var connection = await ConnectAsync();
        foreach (var sql in new[] { "UPDATE decision_records SET outcomes = 'advies=negatief'", "DELETE FROM decision_records" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Should.ThrowAsync<DbException>(() => command.ExecuteNonQueryAsync());
            refused.Message.ShouldContain("append-only");
        }

        (await Store.FindAsync(record.DecisionId)).ShouldNotBeNull().Decision.OutcomeSummary.ShouldBe(record.Decision.OutcomeSummary);
    }

    /// <summary>The dialect's ways to write a row again under an id that exists (each given the columns of every row,
    /// with another outcome).</summary>
    protected abstract IEnumerable<string> Rewrites(string row);

    [Fact]
    public async Task A_record_cannot_be_rewritten_by_inserting_it_again_with_replace_or_upsert()
    {
        var record = AuditSamples.Record("positief-advies.yaml", Noon);
        await Store.AppendAsync([record]);
        await using var connection = await ConnectAsync();
        foreach (var sql in Rewrites("SELECT decision_id, decided_at, rule_set_hash, 'advies=negatief', subject_pseudonym, caller, record, facts, " +
                                          "chain_position, previous_hash, chain_hash FROM decision_records WHERE true"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Should.ThrowAsync<DbException>(() => command.ExecuteNonQueryAsync(), sql);
            refused.Message.ShouldContain("append-only");
        }

        (await Store.FindAsync(record.DecisionId)).ShouldNotBeNull().Decision.OutcomeSummary.ShouldBe(record.Decision.OutcomeSummary);
        (await Store.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Reopening_the_store_keeps_its_records_and_its_schema()
    {
        var record = AuditSamples.Record("positief-advies.yaml", Noon);
        await Store.AppendAsync([record]);
        await using var again = await OpenAsync();
        (await again.FindAsync(record.DecisionId)).ShouldNotBeNull();
        await using var connection = await ConnectAsync();
        await using var versions = connection.CreateCommand();
        // Each migration ran once: reopening runs none again.
        versions.CommandText = "SELECT COUNT(*) = MAX(version) FROM audit_schema_version";
        Convert.ToBoolean(await versions.ExecuteScalarAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_store_of_the_schema_before_is_migrated_and_keeps_its_records_and_lists()
    {
        var positive = AuditSamples.Record("positief-advies.yaml", Noon);
        var negative = AuditSamples.Record("negatief-geen-arbeidsvermogen.yaml", Noon.AddHours(1));
        await Store.AppendAsync([positive, negative]);
        int newest;
        await using (var connection = await ConnectAsync())
        {
            // Back to the version before: its indexes again, and its version the last one run.
            foreach (var (index, column) in DroppedByNewestMigration) await Execute(connection, $"CREATE INDEX {index} ON decision_records ({column})");
            newest = Convert.ToInt32(await Scalar(connection, "SELECT MAX(version) FROM audit_schema_version"));
            await Execute(connection, $"DELETE FROM audit_schema_version WHERE version = {newest}");
        }

        await using var reopened = await OpenAsync();

        await using (var connection = await ConnectAsync())
        {
            Convert.ToInt32(await Scalar(connection, "SELECT MAX(version) FROM audit_schema_version")).ShouldBe(newest);
            var indexes = new List<string>();
            await using var names = connection.CreateCommand();
            names.CommandText = IndexNamesSql;
            await using (var reader = await names.ExecuteReaderAsync())
                while (await reader.ReadAsync()) indexes.Add(reader.GetString(0));
            indexes.ShouldNotBeEmpty();
            indexes.ShouldNotContain(i => DroppedByNewestMigration.Any(d => d.Index == i));
        }

        Ids(await reopened.ListAsync(new RecordQuery(Outcome: "advies=negatief"))).ShouldBe([negative.DecisionId]);
        Ids(await reopened.ListAsync(new RecordQuery(RuleSetHash: positive.Decision.RuleSet.ContentHash[..12])))
            .ShouldBe(new[] { positive, negative }.Where(r => r.Decision.RuleSet.ContentHash == positive.Decision.RuleSet.ContentHash).Select(r => r.DecisionId));
        RecordJson.Serialize((await reopened.FindAsync(positive.DecisionId)).ShouldNotBeNull()).ShouldBe(RecordJson.Serialize(positive));

        static async Task Execute(DbConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        static async Task<object?> Scalar(DbConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
    }

    [Fact]
    public async Task Concurrent_records_through_group_commit_are_all_committed_each_once()
    {
        await using var writer = new GroupCommitWriter(Store, maxBatch: 64);
        var records = Enumerable.Range(0, 400).Select(i => AuditSamples.Record("positief-advies.yaml", Noon.AddMilliseconds(i))).ToList();
        await Task.WhenAll(records.Select(r => Task.Run(() => writer.RecordAsync(r))));

        (await Store.CountAsync()).ShouldBe(400);
        Ids(await Store.ListAsync(new RecordQuery())).Order().ShouldBe(records.Select(r => r.DecisionId).Order());
    }

    [Fact]
    public async Task While_the_store_is_unavailable_a_write_fails_and_afterwards_writes_succeed_again()
    {
        await using var writer = new GroupCommitWriter(Store);
        var before = AuditSamples.Record("positief-advies.yaml", Noon);
        await writer.RecordAsync(before);

        var during = AuditSamples.Record("positief-advies.yaml", Noon.AddSeconds(1));
        await using (await OutageAsync())
            await Should.ThrowAsync<Exception>(() => writer.RecordAsync(during));

        var after = AuditSamples.Record("positief-advies.yaml", Noon.AddSeconds(2));
        await writer.RecordAsync(after);
        Ids(await Store.ListAsync(new RecordQuery())).ShouldBe([before.DecisionId, after.DecisionId]);
    }

    private static IEnumerable<Guid> Ids(IEnumerable<DecisionRecord> records) => records.Select(r => r.DecisionId).ToList();

    [Fact]
    public async Task Records_written_together_and_apart_form_one_chain_without_a_hole_that_verifies_intact()
    {
        var store = (SqlDecisionStore)Store;
        store.Checkpoints = new CheckpointSigner(AuditSamples.Key, every: 4);
        await store.AppendAsync([AuditSamples.Record("positief-advies.yaml", Noon)]);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => store.AppendAsync([AuditSamples.Record("positief-advies.yaml", Noon.AddSeconds(i))])));
        await store.AppendAsync([AuditSamples.Record("positief-advies.yaml", Noon, withFacts: true), AuditSamples.Record("positief-advies.yaml", Noon)]);

        var chain = await store.ReadChainAsync(0, 100);
        chain.Select(c => c.Position).ShouldBe(Enumerable.Range(1, 9).Select(i => (long)i));
        chain[0].PreviousHash.ShouldBe(RecordChain.Start);
        for (var i = 1; i < chain.Count; i++) chain[i].PreviousHash.ShouldBe(chain[i - 1].ChainHash);
        (await store.LastPositionAsync()).ShouldBe(9);
        // The first write after opening, then every fourth record.
        var checkpoints = await store.CheckpointsAsync();
        checkpoints.Select(c => c.Position).ShouldContain(1);
        checkpoints.Select(c => c.Position).ShouldContain(4);
        checkpoints.Select(c => c.Position).ShouldContain(9);

        var report = await ChainVerification.VerifyAsync(store, null, null, new CheckpointSigner(AuditSamples.Key));
        report.Problems.ShouldBeEmpty();
        report.Checked.ShouldBe(9);
        report.CheckpointsChecked.ShouldBe(checkpoints.Count);
        (await ChainVerification.VerifyAsync(store, null, null, new CheckpointSigner(new byte[32]))).Problems.Count.ShouldBe(checkpoints.Count);
    }

    [Fact]
    public async Task A_logboek_acknowledgement_is_kept_and_never_moves_back_and_a_failure_is_kept_beside_it()
    {
        var store = (SqlDecisionStore)Store;
        await store.AcknowledgeAsync("https://logboek.example:4317", 7);
        await store.ShippingFailedAsync("https://logboek.example:4317", "Unavailable: no route to host");
        await store.AcknowledgeAsync("https://logboek.example:4317", 5);
        var state = (await store.ShippingStatesAsync()).ShouldHaveSingleItem();
        state.AcknowledgedPosition.ShouldBe(7);
        state.LastError.ShouldBeNull();
        await store.ShippingFailedAsync("https://logboek.example:4317", "Unavailable: no route to host");
        (await store.ShippingStatesAsync()).Single().LastError.ShouldBe("Unavailable: no route to host");
        (await store.ShippingStatesAsync()).Single().AcknowledgedPosition.ShouldBe(7);
    }
}
