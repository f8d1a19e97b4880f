using System.Data.Common;
using Npgsql;

namespace EligibilityEngine.Audit;

/// <summary>
/// Records in PostgreSQL, for a host running as several replicas: every replica writes to the one table. The record
/// is <c>jsonb</c>; a trigger refuses every UPDATE, DELETE and TRUNCATE. Replicas that start together migrate one
/// after another (an advisory lock in the migration's transaction).
/// </summary>
public sealed class PostgresDecisionStore : SqlDecisionStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresDecisionStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Description { get; }

    public static async Task<PostgresDecisionStore> OpenAsync(string connectionString, CancellationToken cancellation = default)
    {
        var store = new PostgresDecisionStore(connectionString);
        try
        {
            await store.MigrateAsync(cancellation);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellation) => await _dataSource.OpenConnectionAsync(cancellation);

    /// <summary>Any number unique to this schema will do; the lock is held until the migration commits.</summary>
    protected override string MigrationLock => "SELECT pg_advisory_xact_lock(7420110301)";

    protected override string RecordParameter => "CAST(@record AS jsonb)";

    protected override int RowsPerInsert => 256;

    protected override IReadOnlyList<string[]> Migrations { get; } =
    [
        [
            """
            CREATE TABLE decision_records (
              decision_id uuid PRIMARY KEY,
              decided_at timestamptz NOT NULL,
              rule_set_hash text NOT NULL,
              outcomes text NOT NULL,
              subject_pseudonym text,
              caller text,
              record jsonb NOT NULL,
              facts bytea)
            """,
            "CREATE INDEX decision_records_decided_at ON decision_records (decided_at)",
            "CREATE INDEX decision_records_rule_set_hash ON decision_records (rule_set_hash)",
            "CREATE INDEX decision_records_outcomes ON decision_records (outcomes)",
            "CREATE INDEX decision_records_subject ON decision_records (subject_pseudonym)",
            "CREATE INDEX decision_records_caller ON decision_records (caller)",
            """
            CREATE FUNCTION decision_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'decision records are append-only'; END $$
            """,
            "CREATE TRIGGER decision_records_no_change BEFORE UPDATE OR DELETE ON decision_records FOR EACH ROW EXECUTE FUNCTION decision_records_append_only()",
            "CREATE TRIGGER decision_records_no_truncate BEFORE TRUNCATE ON decision_records FOR EACH STATEMENT EXECUTE FUNCTION decision_records_append_only()",
        ],
        [
            // Issue #25: see SqliteDecisionStore's third migration.
            "ALTER TABLE decision_records ADD COLUMN chain_position bigint, ADD COLUMN previous_hash text, ADD COLUMN chain_hash text",
            "CREATE UNIQUE INDEX decision_records_chain ON decision_records (chain_position)",
            "CREATE TABLE audit_checkpoints (chain_position bigint PRIMARY KEY, chain_hash text NOT NULL, signed_at text NOT NULL, signature text NOT NULL)",
            "CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION decision_records_append_only()",
            "CREATE TABLE logboek_shipping (receiver text PRIMARY KEY, acknowledged_position bigint NOT NULL, acknowledged_at text, attempted_at text, last_error text)",
        ],
        // Issue #26: the outcomes index, which no list can use (a list by outcome matches inside the comma-separated
        // summary, LIKE '%…%'). The rule-set hash keeps its index: under the C collation it serves a list by a hash
        // prefix. Dropping an index locks the table: a replica starting beside a long reader (a backup) gives up after
        // ten seconds and fails its start, rather than holding up the other replicas' writes behind that lock.
        ["SET LOCAL lock_timeout = '10s'", "DROP INDEX IF EXISTS decision_records_outcomes"],
    ];

    /// <summary>
    /// Replicas append to one chain, one transaction at a time: each takes this lock, reads the last link and writes
    /// the next positions, so positions follow each other without a hole and in commit order. A sequence would not do:
    /// it leaves holes on every rollback (a deleted record could not be told from a failed write) and hands out numbers
    /// in an order other than the commits. Per-replica chains would need a lasting replica identity, which replicas
    /// that come and go do not have, and a deleted replica's whole chain could not be missed. Group commit keeps the
    /// cost to one lock per batch.
    /// </summary>
    protected override string ChainLock => "SELECT pg_advisory_xact_lock(7420110302)";

    /// <summary>One replica ships at a time: the one holding this session lock on a connection of its own (released
    /// when that connection closes, also when the replica dies).</summary>
    public override async Task<IAsyncDisposable?> TryLeadShippingAsync(CancellationToken cancellation = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellation);
        await using var take = Command(connection, null, $"SELECT pg_try_advisory_lock({ShippingLock})");
        if (await take.ExecuteScalarAsync(cancellation) is true) return new ShippingLease(connection);
        await connection.DisposeAsync();
        return null;
    }

    private const long ShippingLock = 7420110303;

    /// <summary>Lets go of the lock before the connection goes back to the pool, where its session (and so the lock)
    /// would live on.</summary>
    private sealed class ShippingLease(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = Command(connection, null, $"SELECT pg_advisory_unlock({ShippingLock})");
                await release.ExecuteNonQueryAsync();
            }
            catch (DbException)
            {
                // The connection is gone, and its lock with it.
            }

            await connection.DisposeAsync();
        }
    }

    protected override object IdValue(Guid id) => id;

    protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
