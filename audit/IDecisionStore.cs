namespace EligibilityEngine.Audit;

/// <summary>
/// Where decision records are kept: append-only (the product has no way to change or remove a record), one schema on
/// SQLite and PostgreSQL, created or migrated when the store is opened.
/// </summary>
public interface IDecisionStore : IAsyncDisposable
{
    /// <summary>Which store this is, for logs and messages: kind and place, never a password.</summary>
    string Description { get; }

    /// <summary>Writes the records in one transaction; when this completes they are durable. Throws when they are not.</summary>
    Task AppendAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellation = default);

    Task<DecisionRecord?> FindAsync(Guid decisionId, CancellationToken cancellation = default);

    Task<IReadOnlyList<DecisionRecord>> ListAsync(RecordQuery query, CancellationToken cancellation = default);

    Task<long> CountAsync(CancellationToken cancellation = default);
}
