using System.Text.Json;
using System.Text.Json.Serialization;

namespace EligibilityEngine;

/// <summary>The one JSON shape for machines outside gRPC (the CLI's <c>--format json</c> and the stored decision
/// records): snake_case names and enums as snake_case strings. Each use derives its own layout from it.</summary>
public static class SnakeCaseJson
{
    public static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = indented,
    };
}
