using System.Threading.Channels;

namespace EligibilityEngine.Audit;

/// <summary>
/// Group commit: records handed in by concurrent calls while a transaction is being written wait for the next one,
/// which takes them all (at most <paramref name="maxBatch"/>). Each caller's task completes only when its record is
/// committed, and fails when its transaction fails: durability per record, one disk flush per batch.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly IDecisionStore _store;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public GroupCommitWriter(IDecisionStore store, int maxBatch = 256)
    {
        _store = store;
        _maxBatch = maxBatch;
        _loop = Task.Run(WriteLoop);
    }

    public IDecisionStore Store => _store;

    /// <summary>Completes when the record is committed; throws what the store threw when it could not be.</summary>
    public Task RecordAsync(DecisionRecord record)
    {
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommitWriter), "the audit log is closed");
        return pending.Committed.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                // Not cancelled by any one caller: the others in the batch still want their records.
                await _store.AppendAsync(batch.Select(p => p.Record).ToList());
                foreach (var p in batch) p.Committed.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var p in batch) p.Committed.TrySetException(ex);
            }
        }
    }

    /// <summary>Writes what was handed in, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(DecisionRecord Record, TaskCompletionSource Committed);
}
