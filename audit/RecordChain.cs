using System.Security.Cryptography;
using System.Text;

namespace EligibilityEngine.Audit;

/// <summary>
/// The hash chain that makes a change to the log demonstrable (the standard's extension Manipulatiebestendigheid): each
/// record, at a position one past the record before it, carries that record's chain hash and its own, a SHA-256 over
/// the previous hash, its position and its content. A record altered, deleted or slipped in breaks the chain at that
/// position; rewriting the chain from there on is caught by a signed checkpoint (<see cref="CheckpointSigner"/>) and by
/// the copy each Logboek received (the span carries the chain hash).
/// </summary>
public static class RecordChain
{
    /// <summary>The previous hash of the first record of a chain.</summary>
    public static readonly string Start = new('0', 64);

    /// <summary>The content of a record: its JSON as this version writes it (so a store that rewrites JSON, as
    /// PostgreSQL's <c>jsonb</c> does, still hashes the same) and the encrypted facts, if stored.</summary>
    public static string ContentHash(DecisionRecord record) => ContentHash(RecordJson.Serialize(record), record.EncryptedFacts);

    /// <summary>The content hash of a record whose JSON is already written (a store writes it once, for the hash and
    /// for its column).</summary>
    public static string ContentHash(string json, byte[]? encryptedFacts) =>
        Hex(Encoding.UTF8.GetBytes(json + "\n" + (encryptedFacts is { } facts ? Hex(facts) : "")));

    public static string Link(string previousHash, long position, string contentHash) =>
        Hex(Encoding.UTF8.GetBytes($"{previousHash}\n{position}\n{contentHash}"));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>A record at its place in the chain.</summary>
/// <param name="Position">1 for the first record of the chain, each next one more: a missing number is a deleted record.</param>
public sealed record ChainedRecord(long Position, string PreviousHash, string ChainHash, DecisionRecord Record);

/// <summary>
/// A signed checkpoint: the chain hash at a position, signed (HMAC-SHA256) with a key the database does not hold
/// (<c>Audit:CheckpointKeyFile</c>). Whoever can change the database can recompute the chain after a change, but not
/// the signature of a checkpoint over it.
/// </summary>
public sealed record Checkpoint(long Position, string ChainHash, string SignedAt, string Signature);

/// <summary>Signs a checkpoint every <paramref name="every"/> records and at least every <paramref name="interval"/>
/// while records are written (and at the first write after start), with the deployment's checkpoint key.</summary>
public sealed class CheckpointSigner(byte[] key, int every = 1000, TimeSpan? interval = null)
{
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromHours(1);
    private DateTimeOffset _lastSigned = DateTimeOffset.MinValue;

    public bool Due(long first, long last, DateTimeOffset now) => last / every > (first - 1) / every || now - _lastSigned >= _interval;

    public Checkpoint Sign(long position, string chainHash, DateTimeOffset now)
    {
        var at = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new Checkpoint(position, chainHash, at, Signature(position, chainHash, at));
    }

    /// <summary>Called once the checkpoint is committed.</summary>
    public void Signed(DateTimeOffset now) => _lastSigned = now;

    public bool Valid(Checkpoint checkpoint) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(checkpoint.Signature),
            Encoding.ASCII.GetBytes(Signature(checkpoint.Position, checkpoint.ChainHash, checkpoint.SignedAt)));

    private string Signature(long position, string chainHash, string at) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"eligibility-audit-checkpoint\n{position}\n{chainHash}\n{at}")));
}

/// <summary>A row of the chain as the store holds it: the searchable columns (rule-set hash, outcomes, subject
/// pseudonym, caller) beside the record they are taken from.</summary>
public sealed record StoredRow(long Position, string PreviousHash, string ChainHash, string Json, byte[]? Facts, string DecisionIdColumn, string?[] SearchColumns);

/// <summary>The chain's last position (0: no chained record yet), the records made before the chain began (a store
/// created before issue #25), and its first position (1 unless the store has lost its first records).</summary>
public sealed record ChainExtent(long LastPosition, long BeforeChain, long? FirstPosition);

/// <summary>Shipping to one Logboek: the last position it acknowledged, when, the last attempt and its failure, if any.</summary>
public sealed record ShippingState(string Receiver, long AcknowledgedPosition, string? AcknowledgedAt, string? AttemptedAt, string? LastError);
