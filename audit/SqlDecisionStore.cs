using System.Data.Common;

namespace EligibilityEngine.Audit;

/// <summary>
/// The one schema and the queries both stores share; a dialect supplies connections, column types and the
/// migration lock. A few columns to search on (decision id, time, rule-set hash, outcomes, subject pseudonym, caller;
/// each store's migrations say which have an index), the record itself as JSON, the encrypted facts (if stored) beside it.
/// </summary>
public abstract class SqlDecisionStore : IDecisionStore
{
    /// <summary>Rows per INSERT (11 parameters each, far below the parameter limits). Many for PostgreSQL, where each
    /// statement is a round trip; one for SQLite, in the same process, where one prepared row is cheapest.</summary>
    protected virtual int RowsPerInsert => 1;

    private const string Columns = "decision_id, decided_at, rule_set_hash, outcomes, subject_pseudonym, caller, record, facts, chain_position, previous_hash, chain_hash";

    public abstract string Description { get; }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellation);

    /// <summary>The schema's migrations, in order; a migration's index + 1 is its version.</summary>
    protected abstract IReadOnlyList<string[]> Migrations { get; }

    /// <summary>Run first in the migration's transaction, so replicas starting together migrate one after another.</summary>
    protected virtual string? MigrationLock => null;

    /// <summary>How the record parameter is written in SQL (a cast to jsonb on PostgreSQL).</summary>
    protected virtual string RecordParameter => "@record";

    protected abstract object IdValue(Guid id);

    protected abstract object TimeValue(DateTimeOffset time);

    /// <summary>Creates the schema or brings it to the newest version.</summary>
    protected async Task MigrateAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        if (MigrationLock is { } lockSql) await Execute(connection, transaction, lockSql, cancellation);
        await Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS audit_schema_version (version integer PRIMARY KEY)", cancellation);
        await using var current = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM audit_schema_version");
        var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellation));
        for (var v = version; v < Migrations.Count; v++)
        {
            foreach (var statement in Migrations[v]) await Execute(connection, transaction, statement, cancellation);
            await using var mark = Command(connection, transaction, "INSERT INTO audit_schema_version (version) VALUES (@version)");
            Parameter(mark, "version", v + 1);
            await mark.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
    }

    /// <summary>Checkpoints signed while records are appended; null: none (no <c>Audit:CheckpointKeyFile</c>).</summary>
    public CheckpointSigner? Checkpoints { get; set; }

    /// <summary>The clock of checkpoints and shipping times: the host's one clock (the system's for the command line).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Taken first in an append's transaction: one writer at a time extends the chain. Null where the
    /// transaction itself takes the write lock (SQLite's <c>BEGIN IMMEDIATE</c>).</summary>
    protected virtual string? ChainLock => null;

    public async Task AppendAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellation = default)
    {
        if (records.Count == 0) return;
        await using var connection = await OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        if (ChainLock is { } chainLock) await Execute(connection, transaction, chainLock, cancellation);
        var (position, previous) = await LastLinkAsync(connection, transaction, cancellation);
        var rows = new List<(DecisionRecord Record, string Json, long Position, string Previous, string Chain)>(records.Count);
        foreach (var record in records)
        {
            var json = RecordJson.Serialize(record);
            var chain = RecordChain.Link(previous, ++position, RecordChain.ContentHash(json, record.EncryptedFacts));
            rows.Add((record, json, position, previous, chain));
            previous = chain;
        }

        DbCommand? insert = null;
        try
        {
            foreach (var chunk in rows.Chunk(RowsPerInsert))
            {
                // A command for this many rows is prepared once per transaction and bound again for each chunk.
                if (insert?.Parameters.Count != chunk.Length * RowParameters.Length)
                {
                    if (insert is not null) await insert.DisposeAsync();
                    insert = Insert(connection, transaction, chunk.Length);
                }

                for (var i = 0; i < chunk.Length; i++) Bind(insert, i, chunk[i].Record, chunk[i].Json, chunk[i].Position, chunk[i].Previous, chunk[i].Chain);
                await insert.ExecuteNonQueryAsync(cancellation);
            }
        }
        finally
        {
            if (insert is not null) await insert.DisposeAsync();
        }

        var now = Time.GetUtcNow();
        var signed = Checkpoints is { } signer && signer.Due(rows[0].Position, position, now);
        if (signed) await InsertCheckpoint(connection, transaction, Checkpoints!.Sign(position, previous, now), cancellation);
        await transaction.CommitAsync(cancellation);
        if (signed) Checkpoints!.Signed(now);
    }

    private static async Task<(long Position, string Hash)> LastLinkAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellation)
    {
        await using var last = Command(connection, transaction,
            "SELECT chain_position, chain_hash FROM decision_records WHERE chain_position IS NOT NULL ORDER BY chain_position DESC LIMIT 1");
        await using var reader = await last.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetInt64(0), reader.GetString(1)) : (0, RecordChain.Start);
    }

    private static async Task InsertCheckpoint(DbConnection connection, DbTransaction transaction, Checkpoint checkpoint, CancellationToken cancellation)
    {
        await using var insert = Command(connection, transaction,
            "INSERT INTO audit_checkpoints (chain_position, chain_hash, signed_at, signature) VALUES (@position, @hash, @at, @signature)");
        Parameter(insert, "position", checkpoint.Position);
        Parameter(insert, "hash", checkpoint.ChainHash);
        Parameter(insert, "at", checkpoint.SignedAt);
        Parameter(insert, "signature", checkpoint.Signature);
        await insert.ExecuteNonQueryAsync(cancellation);
    }

    private static readonly string[] RowParameters = ["id", "at", "hash", "outcomes", "subject", "caller", "record", "facts", "position", "previous", "chain"];

    private DbCommand Insert(DbConnection connection, DbTransaction transaction, int rows)
    {
        var insert = Command(connection, transaction, "");
        var values = new List<string>(rows);
        for (var i = 0; i < rows; i++)
        {
            values.Add($"(@id{i}, @at{i}, @hash{i}, @outcomes{i}, @subject{i}, @caller{i}, {RecordParameter.Replace("@record", $"@record{i}")}, @facts{i}, " +
                       $"@position{i}, @previous{i}, @chain{i})");
            foreach (var name in RowParameters) Parameter(insert, name + i, null);
        }

        insert.CommandText = $"INSERT INTO decision_records ({Columns}) VALUES {string.Join(", ", values)}";
        return insert;
    }

    private void Bind(DbCommand insert, int row, DecisionRecord record, string json, long position, string previous, string chain)
    {
        object?[] values =
        [
            IdValue(record.DecisionId), TimeValue(record.DecidedAt), record.Decision.RuleSet.ContentHash, record.Decision.OutcomeSummary,
            record.Operation.DataSubjectId, CallerKey(record.Caller), json, record.EncryptedFacts, position, previous, chain,
        ];
        for (var p = 0; p < values.Length; p++) insert.Parameters[row * RowParameters.Length + p].Value = values[p] ?? DBNull.Value;
    }

    /// <summary>The chained records after <paramref name="afterPosition"/>, in chain order, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ChainedRecord>> ReadChainAsync(long afterPosition, int limit, CancellationToken cancellation = default)
    {
        var rows = await ReadChainRowsAsync(afterPosition, long.MaxValue, limit, cancellation);
        return rows.Select(r => new ChainedRecord(r.Position, r.PreviousHash, r.ChainHash, RecordJson.Deserialize(r.Json, r.Facts))).ToList();
    }

    /// <summary>The rows of the chain in (<paramref name="after"/>, <paramref name="upTo"/>] as stored, for a check.</summary>
    public async Task<IReadOnlyList<StoredRow>> ReadChainRowsAsync(long after, long upTo, int limit, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var select = Command(connection, null,
            "SELECT chain_position, previous_hash, chain_hash, record, facts, decision_id, rule_set_hash, outcomes, subject_pseudonym, caller " +
            "FROM decision_records WHERE chain_position > @after AND chain_position <= @upTo ORDER BY chain_position LIMIT @limit");
        Parameter(select, "after", after);
        Parameter(select, "upTo", upTo);
        Parameter(select, "limit", limit);
        var rows = new List<StoredRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            rows.Add(new StoredRow(reader.GetInt64(0), Text(reader, 1) ?? "", Text(reader, 2) ?? "", reader.GetString(3),
                reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4), reader.GetValue(5).ToString()!,
                [Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9)]));
        return rows;

        static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
    }

    /// <summary>How far the chain goes: its last position (0: empty) and the records made before it began.</summary>
    public async Task<ChainExtent> ChainExtentAsync(CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var count = Command(connection, null,
            "SELECT COALESCE(MAX(chain_position), 0), COUNT(*) - COUNT(chain_position), MIN(chain_position) FROM decision_records");
        await using var reader = await count.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return new ChainExtent(Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), reader.IsDBNull(2) ? null : Convert.ToInt64(reader.GetValue(2)));
    }

    /// <summary>The chain's last position; 0 when it has none.</summary>
    public async Task<long> LastPositionAsync(CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var last = Command(connection, null, "SELECT COALESCE(MAX(chain_position), 0) FROM decision_records");
        return Convert.ToInt64(await last.ExecuteScalarAsync(cancellation));
    }

    public async Task<IReadOnlyList<Checkpoint>> CheckpointsAsync(CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var select = Command(connection, null, "SELECT chain_position, chain_hash, signed_at, signature FROM audit_checkpoints ORDER BY chain_position");
        var checkpoints = new List<Checkpoint>();
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            checkpoints.Add(new Checkpoint(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return checkpoints;
    }

    /// <summary>What a Logboek acknowledged, and the last failure to ship to it; position 0 when nothing yet.</summary>
    public async Task<IReadOnlyList<ShippingState>> ShippingStatesAsync(CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var select = Command(connection, null,
            "SELECT receiver, acknowledged_position, acknowledged_at, attempted_at, last_error FROM logboek_shipping ORDER BY receiver");
        var states = new List<ShippingState>();
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            states.Add(new ShippingState(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return states;
    }

    /// <summary>The Logboek at <paramref name="receiver"/> acknowledged every record up to <paramref name="position"/>.
    /// Never moves back (two replicas that both shipped a batch).</summary>
    public Task AcknowledgeAsync(string receiver, long position, CancellationToken cancellation = default) =>
        UpsertShipping(receiver, position, null, cancellation);

    /// <summary>Shipping to <paramref name="receiver"/> failed with <paramref name="error"/> (no personal data: a transport or receiver message).</summary>
    public Task ShippingFailedAsync(string receiver, string error, CancellationToken cancellation = default) =>
        UpsertShipping(receiver, 0, error, cancellation);

    private async Task UpsertShipping(string receiver, long position, string? error, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        var now = Time.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var acknowledged = error is null ? "@now" : "NULL";
        await using var upsert = Command(connection, null,
            "INSERT INTO logboek_shipping (receiver, acknowledged_position, acknowledged_at, attempted_at, last_error) " +
            $"VALUES (@receiver, @position, {acknowledged}, @now, @error) ON CONFLICT (receiver) DO UPDATE SET " +
            "acknowledged_position = CASE WHEN excluded.acknowledged_position > logboek_shipping.acknowledged_position " +
            "THEN excluded.acknowledged_position ELSE logboek_shipping.acknowledged_position END, " +
            "acknowledged_at = COALESCE(excluded.acknowledged_at, logboek_shipping.acknowledged_at), attempted_at = excluded.attempted_at, last_error = excluded.last_error");
        Parameter(upsert, "receiver", receiver);
        Parameter(upsert, "position", position);
        Parameter(upsert, "now", now);
        Parameter(upsert, "error", error);
        await upsert.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The right to ship, held until disposed; null while another replica holds it. One process writes a
    /// SQLite store, so there it is always granted.</summary>
    public virtual Task<IAsyncDisposable?> TryLeadShippingAsync(CancellationToken cancellation = default) =>
        Task.FromResult<IAsyncDisposable?>(new NoLease());

    private sealed class NoLease : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public async Task<DecisionRecord?> FindAsync(Guid decisionId, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var select = Command(connection, null, "SELECT record, facts FROM decision_records WHERE decision_id = @id");
        Parameter(select, "id", IdValue(decisionId));
        var found = await Read(select, cancellation);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListAsync(RecordQuery query, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var select = Command(connection, null, "");
        var where = new List<string>();
        if (query.From is { } from) Condition("decided_at >= @from", "from", TimeValue(from));
        if (query.To is { } to) Condition("decided_at < @to", "to", TimeValue(to));
        if (query.RuleSetHash is { } hash) Condition(@"rule_set_hash LIKE @hash ESCAPE '\'", "hash", Like(hash) + "%");
        if (query.Outcome is { } outcome)
            Condition(@"(',' || outcomes || ',') LIKE @outcome ESCAPE '\'", "outcome", outcome.Contains('=') ? $"%,{Like(outcome)},%" : $"%={Like(outcome)},%");
        if (query.SubjectPseudonym is { } subject) Condition("subject_pseudonym = @subject", "subject", subject);
        if (query.Caller is { } caller) Condition("caller = @caller", "caller", caller);
        if (query.After is { } after) Condition("decision_id > @after", "after", IdValue(after));
        if (query.Owner is { Key: { } owner }) Condition("caller = @owner", "owner", owner);
        else if (query.Owner is not null) where.Add("caller IS NULL");
        select.CommandText = "SELECT record, facts FROM decision_records" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                             " ORDER BY decision_id LIMIT @limit";
        Parameter(select, "limit", query.Limit);
        return await Read(select, cancellation);

        void Condition(string sql, string name, object value)
        {
            where.Add(sql);
            Parameter(select, name, value);
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var count = Command(connection, null, "SELECT COUNT(*) FROM decision_records");
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellation));
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The caller as one searchable value: the OIN, else the client id.</summary>
    public static string? CallerKey(RecordedCaller caller) => caller.Oin ?? caller.ClientId;

    private static string Like(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static async Task<IReadOnlyList<DecisionRecord>> Read(DbCommand select, CancellationToken cancellation)
    {
        var records = new List<DecisionRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            records.Add(RecordJson.Deserialize(reader.GetString(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1)));
        return records;
    }

    protected static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellation)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
