using System.Globalization;

namespace EligibilityEngine.Facts;

/// <summary>
/// How facts are written as text, for every reader of cases (case files, CSV, gRPC, JSON): one rule for dates, one
/// for numbers. Each check gives its error without the field name, which the caller puts first.
/// </summary>
public static class FactText
{
    /// <summary>A date as YYYY-MM-DD, in the years <see cref="FactLimits.FirstYear"/> to <see cref="FactLimits.LastYear"/>.</summary>
    public static DateOnly? Date(string text, out string? error)
    {
        error = null;
        if (PlainDate(text) is { } plain) return plain;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            error = $"must be a date written as YYYY-MM-DD, not {Echo(text)}";
        else if (date.Year is < FactLimits.FirstYear or > FactLimits.LastYear)
            error = $"must be a date from {FactLimits.FirstYear}-01-01 to {FactLimits.LastYear}-12-31, not {Echo(text)}";
        return error is null ? date : null;
    }

    /// <summary>The common case read without the general parser (a CSV of 100,000 cases holds a million dates): exactly
    /// YYYY-MM-DD, a real day, in the years allowed; null for anything else, which <see cref="Date"/> then reads and
    /// refuses the general way.</summary>
    private static DateOnly? PlainDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return null;
        var (year, month, day) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
        return year is >= FactLimits.FirstYear and <= FactLimits.LastYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    /// <summary>The number the ASCII digits at <paramref name="start"/> write; -1 when one is not a digit.</summary>
    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return -1;
            value = value * 10 + (text[i] - '0');
        }

        return value;
    }

    /// <summary>
    /// A decimal number between <paramref name="min"/> and <paramref name="max"/>: digits with at most one decimal mark,
    /// a point or (as Dutch writes it) a comma, so "2,5" is 2.5. Thousands separators are refused rather than guessed
    /// at: "1,2,3" and "1.000,5" are errors, never 123 or 1000.5.
    /// </summary>
    public static decimal? Number(string text, decimal min, decimal max, out string? error)
    {
        error = null;
        if (!IsPlainNumber(text) || !decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
        {
            error = $"must be a number such as 25, 25.5 or 25,5 (no thousands separators), not {Echo(text)}";
            return null;
        }

        if (value >= min && value <= max) return value;
        error = $"must be between {min} and {max}, not {value.ToString(CultureInfo.InvariantCulture)}";
        return null;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/> (a count: never 2.5).</summary>
    public static int? WholeNumber(string text, int min, int max, out string? error)
    {
        var value = Number(text, min, max, out error);
        if (value is null || value == decimal.Truncate(value.Value)) return (int?)value;
        error = $"must be a whole number, not {Echo(text)}";
        return null;
    }

    /// <summary>A whole number as a binary field carries it (gRPC), checked against the same range.</summary>
    public static int? WholeNumber(long value, int min, int max, out string? error)
    {
        error = value >= min && value <= max ? null : $"must be between {min} and {max}, not {value}";
        return error is null ? (int)value : null;
    }

    /// <summary>Whether the text is a CBS municipality code: GM and four digits, e.g. GM0014.</summary>
    public static bool IsMunicipalityCode(string code) => code.Length == 6 && code.StartsWith("GM", StringComparison.Ordinal) && code[2..].All(char.IsAsciiDigit);

    /// <summary>An optional minus, up to 12 digits, optionally one decimal mark and up to 12 decimals.</summary>
    private static bool IsPlainNumber(string text)
    {
        var i = text.StartsWith('-') ? 1 : 0;
        var integer = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; integer++; }
        if (integer is 0 or > 12) return false;
        if (i == text.Length) return true;
        if (text[i] is not ('.' or ',')) return false;
        i++;
        var fraction = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; fraction++; }
        return i == text.Length && fraction is > 0 and <= 12;
    }

    /// <summary>A rejected value as it is repeated to the sender: quoted, at most <see cref="FactLimits.MaxEchoedCharacters"/>
    /// characters, control characters shown as '?'. A whole value can be megabytes, and is the sender's data.</summary>
    public static string Echo(string text) =>
        text.Length <= FactLimits.MaxEchoedCharacters ? $"'{Cut(text)}'" : $"'{Cut(text)}' ({text.Length} characters)";

    /// <summary>At most <paramref name="max"/> (by default <see cref="FactLimits.MaxEchoedCharacters"/>) characters of a
    /// sender's text, cut with '…', control characters shown as '?'.</summary>
    public static string Cut(string text, int max = FactLimits.MaxEchoedCharacters)
    {
        var shown = string.Concat(text.Take(max).Select(c => char.IsControl(c) ? '?' : c));
        return text.Length <= max ? shown : shown + "…";
    }
}
