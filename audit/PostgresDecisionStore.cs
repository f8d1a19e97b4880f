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
    ];

    protected override object IdValue(Guid id) => id;

    protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
