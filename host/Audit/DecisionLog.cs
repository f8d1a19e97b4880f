using System.Diagnostics;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Audit;

namespace EligibilityEngine.Host.Audit;

/// <summary>
/// The host's audit log: builds the record of each evaluation and returns once it is committed. When the record
/// cannot be written the caller gets <see cref="DecisionNotRecordedException"/> and must not give the decision.
/// </summary>
public sealed class DecisionLog(DecisionRecordFactory factory, GroupCommitWriter? writer, TimeProvider time, ILogger<DecisionLog> logger) : IAsyncDisposable
{
    /// <summary>False only when the deployment turned records off (Audit:Enabled=false).</summary>
    public bool Enabled => writer is not null;

    public bool TakesDataSubjects => factory.Settings.Pseudonym is not null;

    public IDecisionStore? Store => writer?.Store;

    /// <summary>The store with its hash chain and shipping state (every store the host opens is one).</summary>
    public SqlDecisionStore? ChainStore => writer?.Store as SqlDecisionStore;

    /// <summary>Records the decision; its id, or null when records are off.</summary>
    public async Task<Guid?> RecordAsync(Decision decision, Case @case, RecordingContext context)
    {
        if (writer is null) return null;
        var record = factory.Create(decision, @case, context, time.GetUtcNow());
        var started = Stopwatch.GetTimestamp();
        try
        {
            await writer.RecordAsync(record);
        }
        catch (Exception ex)
        {
            // The store's message names the store's fault (locked, unreachable), never the record's content.
            logger.LogError("Decision not recorded, so not given: {Fault}: {Message}", ex.GetType().Name, ex.Message);
            throw new DecisionNotRecordedException(ex);
        }
        finally
        {
            Telemetry.DecisionTelemetry.Recorded(Stopwatch.GetElapsedTime(started));
        }

        return record.DecisionId;
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is null) return;
        await writer.DisposeAsync();
        await writer.Store.DisposeAsync();
    }
}

/// <summary>The record of a decision could not be committed: the call fails UNAVAILABLE (503) and gives no decision.</summary>
public sealed class DecisionNotRecordedException(Exception inner)
    : Exception("the decision could not be recorded in the audit log, so it is not given; try again later", inner);
