using System.Text.Json;

namespace EligibilityEngine.Tests.Support;

/// <summary>A problem details response (RFC 9457) as a caller reads it, checked for the members every problem has.</summary>
public sealed record ProblemBody(int Status, string Title, string Detail, string Type, string Instance, string? Code,
    IReadOnlyDictionary<string, (string Code, string Reason)> InvalidParams)
{
    public static async Task<ProblemBody> Read(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var invalid = new Dictionary<string, (string, string)>();
        if (root.TryGetProperty("invalidParams", out var list))
            foreach (var p in list.EnumerateArray())
                invalid[p.GetProperty("name").GetString()!] = (p.GetProperty("code").GetString()!, p.GetProperty("reason").GetString()!);
        var problem = new ProblemBody(root.GetProperty("status").GetInt32(), root.GetProperty("title").GetString()!, root.GetProperty("detail").GetString()!,
            root.GetProperty("type").GetString()!, root.GetProperty("instance").GetString()!,
            root.TryGetProperty("code", out var code) ? code.GetString() : null, invalid);
        problem.Status.ShouldBe((int)response.StatusCode);
        return problem;
    }
}
