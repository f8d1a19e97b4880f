using System.Globalization;

namespace EligibilityEngine.Host.Web.Forms;

/// <summary>
/// A date typed the Dutch way (dd-mm-jjjj, e.g. 01-04-2019 or 1-4-2019) written as the case format has it
/// (jjjj-mm-dd). Anything else is left as typed, so the case reader's own message says what is wrong with it.
/// </summary>
public static class DutchDate
{
    private static readonly string[] Formats = ["d-M-yyyy", "dd-MM-yyyy"];

    public static string ToIso(string text) =>
        DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : text;
}
