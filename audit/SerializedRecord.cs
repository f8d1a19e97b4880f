namespace EligibilityEngine.Audit;

/// <summary>
/// A record with its JSON and content hash (<see cref="RecordChain.ContentHash(DecisionRecord)"/>) written once, by the
/// caller that made it: the one writer of a store then only links it into the chain and inserts it, so what every call
/// can do in parallel is not done serially by the writer, and the JSON is not written twice (hash and column).
/// </summary>
public sealed class SerializedRecord
{
    private SerializedRecord(DecisionRecord record, string json)
    {
        Record = record;
        Json = json;
        ContentHash = RecordChain.ContentHash(json, record.EncryptedFacts);
    }

    public DecisionRecord Record { get; }

    /// <summary>The record as stored (<see cref="RecordJson"/>).</summary>
    public string Json { get; }

    public string ContentHash { get; }

    public static SerializedRecord Of(DecisionRecord record) => new(record, RecordJson.Serialize(record));
}
