namespace EligibilityEngine.Facts;

/// <summary>Maps C# enum member names to the snake_case codes used in rule and case files.</summary>
public static class CodeNames
{
    public static string ToCode(string pascal)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }

    public static bool TryParse<TEnum>(string code, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (ToCode(candidate.ToString()) == code) { value = candidate; return true; }
        }

        value = default;
        return false;
    }

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => ToCode(v.ToString())).ToArray();
}
