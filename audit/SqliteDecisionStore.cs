using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace EligibilityEngine.Audit;

/// <summary>
/// Records in one SQLite file, in WAL mode with <c>synchronous=FULL</c>: a commit is on disk before it returns, so an
/// acknowledged record survives a crash of the process and of the machine. Several processes may read; the host
/// writes through one <see cref="GroupCommitWriter"/>, which puts concurrent records into one transaction.
/// </summary>
public sealed class SqliteDecisionStore : SqlDecisionStore
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;

    private SqliteDecisionStore(string path, int busyTimeoutMilliseconds)
    {
        Path = System.IO.Path.GetFullPath(path);
        _busyTimeoutMilliseconds = busyTimeoutMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    public string Path { get; }

    public override string Description => $"SQLite {Path}";

    /// <summary>Opens (and creates or migrates) the store at <paramref name="path"/>. A write that finds the file locked
    /// by another writer waits at most <paramref name="busyTimeoutMilliseconds"/>, then fails.</summary>
    public static async Task<SqliteDecisionStore> OpenAsync(string path, int busyTimeoutMilliseconds = 5000, CancellationToken cancellation = default)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var store = new SqliteDecisionStore(path, busyTimeoutMilliseconds);
        await using (var connection = await store.OpenAsync(cancellation))
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL";
            if (await wal.ExecuteScalarAsync(cancellation) is not "wal")
                throw new InvalidOperationException($"'{store.Path}' cannot be put in WAL mode (a network file system?)");
        }

        await store.MigrateAsync(cancellation);
        return store;
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellation)
    {
        RefuseUnwritableFiles();
        var connection = new SqliteConnection(_connectionString) { DefaultTimeout = Math.Max(1, _busyTimeoutMilliseconds / 1000) };
        await connection.OpenAsync(cancellation);
        await using var pragma = connection.CreateCommand();
        // WAL is a property of the file (set once, when the store is opened); these two are per connection.
        pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={_busyTimeoutMilliseconds};";
        await pragma.ExecuteNonQueryAsync(cancellation);
        return connection;
    }

    /// <summary>
    /// SQLite maps the store's <c>-shm</c> file (the WAL index every process shares) into memory and writes to it
    /// directly: once that file cannot be written (made immutable, a read-only mount, another owner) the next write to
    /// the mapping ends the process with SIGBUS, with no log line and no answer (issue #22: exit 135 under load). So
    /// every connection first asks the operating system whether the store's folder and files may be written, without
    /// opening them (closing another handle on a file drops the locks SQLite holds on it), and fails as a locked store
    /// does: the caller gets UNAVAILABLE, the host logs the reason, and start-up stops with it. An operation already
    /// past this check when the file changes can still meet the fault: the check narrows the window to one operation,
    /// it does not close it.
    /// </summary>
    private void RefuseUnwritableFiles()
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var (file, mode) in new[] { (System.IO.Path.GetDirectoryName(Path)!, Write | Enter), (Path, Write), (Path + "-wal", Write), (Path + "-shm", Write) })
        {
            if (Access(file, mode) == 0 || Marshal.GetLastPInvokeError() is var errno && errno == NoSuchFile) continue;
            throw new SqliteException($"'{file}' cannot be written ({new System.ComponentModel.Win32Exception(errno).Message}); "
                                      + "SQLite would fail on it, or end the process", SqliteReadOnly);
        }
    }

    private const int Write = 2, Enter = 1, NoSuchFile = 2, SqliteReadOnly = 8;

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    protected override IReadOnlyList<string[]> Migrations { get; } =
    [
        [
            """
            CREATE TABLE decision_records (
              decision_id TEXT PRIMARY KEY,
              decided_at TEXT NOT NULL,
              rule_set_hash TEXT NOT NULL,
              outcomes TEXT NOT NULL,
              subject_pseudonym TEXT,
              caller TEXT,
              record TEXT NOT NULL CHECK (json_valid(record)),
              facts BLOB)
            """,
            "CREATE INDEX decision_records_decided_at ON decision_records (decided_at)",
            "CREATE INDEX decision_records_rule_set_hash ON decision_records (rule_set_hash)",
            "CREATE INDEX decision_records_outcomes ON decision_records (outcomes)",
            "CREATE INDEX decision_records_subject ON decision_records (subject_pseudonym)",
            "CREATE INDEX decision_records_caller ON decision_records (caller)",
            "CREATE TRIGGER decision_records_no_update BEFORE UPDATE ON decision_records BEGIN SELECT RAISE(ABORT, 'decision records are append-only'); END",
            "CREATE TRIGGER decision_records_no_delete BEFORE DELETE ON decision_records BEGIN SELECT RAISE(ABORT, 'decision records are append-only'); END",
        ],
        [
            // REPLACE (and INSERT OR REPLACE) deletes the row in its way without firing a DELETE trigger, so a record
            // would be rewritten: an insert under an id that exists is refused before it gets that far.
            """
            CREATE TRIGGER decision_records_no_replace BEFORE INSERT ON decision_records
            WHEN EXISTS (SELECT 1 FROM decision_records WHERE decision_id = NEW.decision_id)
            BEGIN SELECT RAISE(ABORT, 'decision records are append-only'); END
            """,
        ],
        [
            // Issue #25: the hash chain (records made before it have none), signed checkpoints, and how far each Logboek
            // has acknowledged the records shipped to it (the one table that changes: it is state, not history).
            "ALTER TABLE decision_records ADD COLUMN chain_position INTEGER",
            "ALTER TABLE decision_records ADD COLUMN previous_hash TEXT",
            "ALTER TABLE decision_records ADD COLUMN chain_hash TEXT",
            "CREATE UNIQUE INDEX decision_records_chain ON decision_records (chain_position)",
            "CREATE TABLE audit_checkpoints (chain_position INTEGER PRIMARY KEY, chain_hash TEXT NOT NULL, signed_at TEXT NOT NULL, signature TEXT NOT NULL)",
            "CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END",
            "CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END",
            "CREATE TABLE logboek_shipping (receiver TEXT PRIMARY KEY, acknowledged_position INTEGER NOT NULL, acknowledged_at TEXT, attempted_at TEXT, last_error TEXT)",
        ],
        // Issue #26: two indexes no list can use, which every record paid to keep up to date. A list by outcome matches
        // inside the comma-separated summary (LIKE '%…%'); one by rule-set hash matches a prefix with SQLite's
        // case-insensitive LIKE, which a plain index does not serve (the query plans scan in decision order, with the
        // index and without). IF EXISTS: a store whose index was dropped by hand opens too.
        ["DROP INDEX IF EXISTS decision_records_outcomes", "DROP INDEX IF EXISTS decision_records_rule_set_hash"],
    ];

    protected override object IdValue(Guid id) => id.ToString();

    /// <summary>UTC, fixed width: text order is time order.</summary>
    protected override object TimeValue(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
