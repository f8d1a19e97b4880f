using System.Data.Common;

namespace EligibilityEngine.Audit;

/// <summary>
/// The one schema and the queries both stores share; a dialect supplies connections, column types and the
/// migration lock. A few indexed columns to search on (decision id, time, rule-set hash, outcomes, subject pseudonym,
/// caller), the record itself as JSON, the encrypted facts (if stored) beside it.
/// </summary>
public abstract class SqlDecisionStore : IDecisionStore
{
    /// <summary>Rows per INSERT (8 parameters each, far below the parameter limits). Many for PostgreSQL, where each
    /// statement is a round trip; one for SQLite, in the same process, where one prepared row is cheapest.</summary>
    protected virtual int RowsPerInsert => 1;

    private const string Columns = "decision_id, decided_at, rule_set_hash, outcomes, subject_pseudonym, caller, record, facts";

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

    public async Task AppendAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellation = default)
    {
        if (records.Count == 0) return;
        await using var connection = await OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        DbCommand? insert = null;
        try
        {
            foreach (var chunk in records.Chunk(RowsPerInsert))
            {
                // A command for this many rows is prepared once per transaction and bound again for each chunk.
                if (insert?.Parameters.Count != chunk.Length * RowParameters.Length)
                {
                    if (insert is not null) await insert.DisposeAsync();
                    insert = Insert(connection, transaction, chunk.Length);
                }

                for (var i = 0; i < chunk.Length; i++) Bind(insert, i, chunk[i]);
                await insert.ExecuteNonQueryAsync(cancellation);
            }
        }
        finally
        {
            if (insert is not null) await insert.DisposeAsync();
        }

        await transaction.CommitAsync(cancellation);
    }

    private static readonly string[] RowParameters = ["id", "at", "hash", "outcomes", "subject", "caller", "record", "facts"];

    private DbCommand Insert(DbConnection connection, DbTransaction transaction, int rows)
    {
        var insert = Command(connection, transaction, "");
        var values = new List<string>(rows);
        for (var i = 0; i < rows; i++)
        {
            values.Add($"(@id{i}, @at{i}, @hash{i}, @outcomes{i}, @subject{i}, @caller{i}, {RecordParameter.Replace("@record", $"@record{i}")}, @facts{i})");
            foreach (var name in RowParameters) Parameter(insert, name + i, null);
        }

        insert.CommandText = $"INSERT INTO decision_records ({Columns}) VALUES {string.Join(", ", values)}";
        return insert;
    }

    private void Bind(DbCommand insert, int row, DecisionRecord record)
    {
        object?[] values =
        [
            IdValue(record.DecisionId), TimeValue(record.DecidedAt), record.Decision.RuleSet.ContentHash, record.Decision.OutcomeSummary,
            record.Operation.DataSubjectId, CallerKey(record.Caller), RecordJson.Serialize(record), record.EncryptedFacts,
        ];
        for (var p = 0; p < values.Length; p++) insert.Parameters[row * RowParameters.Length + p].Value = values[p] ?? DBNull.Value;
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

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellation)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
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
