using System.Text.Json.Nodes;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Audit;

/// <summary>The result of a replay: whether the case file is the recorded input, and every place where the decision
/// made now differs from the recorded one (empty: identical).</summary>
public sealed record ReplayResult(bool InputMatches, string RecordedInputHash, string InputHash, IReadOnlyList<ReplayDifference> Differences)
{
    public bool Identical => InputMatches && Differences.Count == 0;
}

/// <summary>One difference, by path in the recorded decision (e.g. <c>outcomes[0].value</c>).</summary>
public sealed record ReplayDifference(string Path, string? Recorded, string? Replayed);

/// <summary>
/// Compares a recorded decision with one made again from the case file the caller kept, under the recorded version
/// (by content hash) and engine: same input hash, and the same record of the decision field by field.
/// </summary>
public static class DecisionReplay
{
    public static ReplayResult Compare(DecisionRecord record, Case @case, Decision replayed)
    {
        var hash = CaseInputHash.Compute(@case, record.Decision.AsOf);
        var differences = new List<ReplayDifference>();
        Walk("", Node(record.Decision), Node(RecordedDecision.Of(replayed)), differences);
        // A record made before numbers were written without trailing zeros (issue #22) holds the hash of the form sent.
        var matches = hash == record.InputHash || CaseInputHash.ComputeAsSent(@case, record.Decision.AsOf) == record.InputHash;
        return new ReplayResult(matches, record.InputHash, hash, differences);
    }

    private static JsonNode? Node(RecordedDecision decision) => JsonNode.Parse(RecordJson.Serialize(decision));

    private static void Walk(string path, JsonNode? recorded, JsonNode? replayed, List<ReplayDifference> differences)
    {
        switch (recorded, replayed)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                    Walk(path.Length == 0 ? key : $"{path}.{key}", a[key], b[key], differences);
                break;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                    Walk($"{path}[{i}]", i < a.Count ? a[i] : null, i < b.Count ? b[i] : null, differences);
                break;
            default:
                if (!JsonNode.DeepEquals(recorded, replayed))
                    differences.Add(new ReplayDifference(path, recorded?.ToJsonString(), replayed?.ToJsonString()));
                break;
        }
    }
}
