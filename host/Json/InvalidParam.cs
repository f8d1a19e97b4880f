using System.Text;
using Google.Rpc;

namespace EligibilityEngine.Host.Json;

/// <summary>One bad field of a request in a 400 problem: its path as the JSON caller wrote it, a fixed code, the reason.</summary>
public sealed record InvalidParam(string Name, string Code, string Reason)
{
    /// <summary>
    /// From the field violation the gRPC side gives: the path in JSON names (<c>case.person.date_of_birth</c> →
    /// <c>case.person.dateOfBirth</c>), the violation's reason (<c>INVALID_DATE</c>) in camelCase (<c>invalidDate</c>).
    /// </summary>
    public static InvalidParam From(BadRequest.Types.FieldViolation violation) =>
        new(violation.Field.Length == 0 ? "body" : JsonPath(violation.Field), CamelCase(violation.Reason), violation.Description);

    // Protobuf's JSON name rule: drop each underscore and upper-case the letter after it.
    private static string JsonPath(string path)
    {
        var json = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '_' && i + 1 < path.Length && char.IsAsciiLetterLower(path[i + 1])) json.Append(char.ToUpperInvariant(path[++i]));
            else json.Append(path[i]);
        }

        return json.ToString();
    }

    private static string CamelCase(string reason)
    {
        var words = reason.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        return words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
