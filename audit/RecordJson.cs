using System.Text.Json;
using System.Text.Json.Serialization;

namespace EligibilityEngine.Audit;

/// <summary>The JSON form of a record, as stored (<c>jsonb</c> on PostgreSQL) and as <c>audit show --format json</c> prints it.</summary>
public static class RecordJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    public static string Serialize<T>(T value, bool indented = false) =>
        JsonSerializer.Serialize(value, indented ? new JsonSerializerOptions(Options) { WriteIndented = true } : Options);

    public static DecisionRecord Deserialize(string json, byte[]? encryptedFacts) =>
        (JsonSerializer.Deserialize<DecisionRecord>(json, Options) ?? throw new JsonException("an empty record")) with { EncryptedFacts = encryptedFacts };
}
