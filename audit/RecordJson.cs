using System.Text.Json;

namespace EligibilityEngine.Audit;

/// <summary>The JSON form of a record, as stored (<c>jsonb</c> on PostgreSQL) and as <c>audit show --format json</c> prints it.</summary>
public static class RecordJson
{
    public static readonly JsonSerializerOptions Options = SnakeCaseJson.Create(indented: false);

    public static string Serialize<T>(T value, bool indented = false) =>
        JsonSerializer.Serialize(value, indented ? Indented : Options);

    private static readonly JsonSerializerOptions Indented = SnakeCaseJson.Create(indented: true);

    public static DecisionRecord Deserialize(string json, byte[]? encryptedFacts) =>
        (JsonSerializer.Deserialize<DecisionRecord>(json, Options) ?? throw new JsonException("an empty record")) with { EncryptedFacts = encryptedFacts };
}
