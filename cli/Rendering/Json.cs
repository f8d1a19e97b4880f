using System.Text.Encodings.Web;
using System.Text.Json;

namespace EligibilityEngine.Cli.Rendering;

/// <summary>JSON for machines: snake_case names, enums as snake_case strings, dates as YYYY-MM-DD.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(SnakeCaseJson.Create(indented: true))
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
