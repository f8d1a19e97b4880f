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

    public static bool TryParse<TEnum>(string code, out TEnum value) where TEnum : struct, Enum =>
        Codes<TEnum>.ByCode.TryGetValue(code, out value);

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Codes<TEnum>.All;

    // Built once per enum: a corpus of 100,000 cases parses every code hundreds of thousands of times.
    private static class Codes<TEnum> where TEnum : struct, Enum
    {
        public static readonly string[] All = Enum.GetValues<TEnum>().Select(v => ToCode(v.ToString())).ToArray();

        public static readonly Dictionary<string, TEnum> ByCode = Enum.GetValues<TEnum>().ToDictionary(v => ToCode(v.ToString()), StringComparer.Ordinal);
    }
}
