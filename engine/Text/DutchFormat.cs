using System.Globalization;
using EligibilityEngine.Facts;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Text;

/// <summary>Writes values the way Dutch readers expect them: 1 januari 2017, € 2.157,00, ja/nee.</summary>
public static class DutchFormat
{
    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    // Dutch style groups thousands only from five digits: 2600 plekken, 2018, but 10.300.
    public static string Number(decimal value) => value.ToString(Math.Abs(value) >= 10000 ? "#,0.##" : "0.##", NumberFormat);

    public static string Money(decimal value) => "€ " + value.ToString("#,0.00", NumberFormat);

    public static string Value(object? value, ValueType type) => value switch
    {
        null => "onbekend",
        bool b => b ? "ja" : "nee",
        int day when type.Kind == ValueKind.Date => Date(DateOnly.FromDayNumber(day)),
        int code when type.Kind == ValueKind.Code => code >= 0 ? type.Domain!.DutchLabels[code] : "geen",
        decimal d when type.Kind == ValueKind.Money => Money(d),
        decimal d when type.Percent => Number(d * 100m) + " %",
        decimal d => Number(d),
        _ => value.ToString() ?? "",
    };

    private static readonly NumberFormatInfo NumberFormat = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
}
