using System.Globalization;
using EligibilityEngine.Text;

namespace EligibilityEngine.Host.Web;

/// <summary>Dates and labels as a Dutch reader expects them.</summary>
public static class DutchText
{
    /// <summary>"vanaf 1 januari 2017 tot en met 31 december 2017", or for a planned version without a date "nog niet".</summary>
    public static string Period(string from, string until, bool planned)
    {
        if (from.Length == 0) return planned ? "gepland, nog geen datum" : "onbekend";
        var start = "vanaf " + Long(from);
        return until.Length == 0 ? start : $"{start} tot en met {Long(until)}";
    }

    /// <summary>A moment as "3 december 2026 om 17:45 UTC": the host's clock is UTC, and saying so is clearer than a guess at the reader's zone.</summary>
    public static string Moment(DateTimeOffset at) =>
        $"{DutchFormat.Date(DateOnly.FromDateTime(at.UtcDateTime))} om {at.UtcDateTime:HH:mm} UTC";

    public static string Long(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DutchFormat.Date(date)
            : isoDate;

    /// <summary>The key of a rule's explanation (a criterion's met / not_met / undetermined, or "fired") as a reader says it.</summary>
    public static string ExplanationLabel(string key) => key switch
    {
        "met" => "Voldaan:",
        "not_met" => "Niet voldaan:",
        "undetermined" => "Niet vast te stellen:",
        _ => "Uitleg:",
    };
}
