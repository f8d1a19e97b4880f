using System.Globalization;
using EligibilityEngine.Facts;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Text;

/// <summary>Writes values the way Dutch readers expect them: 1 januari 2017, € 2.157,00, ja/nee.</summary>
public static class DutchFormat
{
    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>Room enough for any one value written by <see cref="Write(DutchTextBuilder, DateOnly)"/> and the
    /// number writers: a decimal with its grouping, sign and two decimals is under 50 characters.</summary>
    internal const int MaxValueLength = 64;

    public static string Date(DateOnly date) => Format(date, Write);

    public static string Number(decimal value) => Format(value, WriteNumber);

    public static string Money(decimal value) => Format(value, WriteMoney);

    public static string Value(object? value, ValueType type) => value switch
    {
        null => Unknown,
        bool b => YesNo(b),
        int code when type.Kind == ValueKind.Code => CodeLabel(code, type.Domain!),
        string s => s,
        _ => Format((value, type), static (b, v) => b.AppendValue(v.value, v.type)),
    };

    /// <summary>How an unknown value reads.</summary>
    internal const string Unknown = "onbekend";

    internal static string YesNo(bool value) => value ? "ja" : "nee";

    /// <summary>A code by its Dutch label; "geen" for no code.</summary>
    internal static string CodeLabel(int code, CodeDomain domain) => code >= 0 ? domain.DutchLabels[code] : "geen";

    internal static void Write(DutchTextBuilder builder, DateOnly date)
    {
        builder.Append(date.Day);
        builder.Append(' ');
        builder.Append(Months[date.Month - 1]);
        builder.Append(' ');
        builder.Append(date.Year);
    }

    // Dutch style groups thousands only from five digits: 2600 plekken, 2018, but 10.300.
    internal static void WriteNumber(DutchTextBuilder builder, decimal value)
    {
        // Most numbers in texts are whole and small (a count, a year, an age): written as the int they are, the same
        // text as the custom format gives, which is parsed on every call and costs several times as much.
        if (Math.Abs(value) < 10000 && decimal.IsInteger(value)) builder.Append((int)value, NumberFormat);
        else builder.Append(value, Math.Abs(value) >= 10000 ? "#,0.##" : "0.##", NumberFormat);
    }

    internal static void WriteMoney(DutchTextBuilder builder, decimal value)
    {
        builder.Append("€ ");
        builder.Append(value, "#,0.00", NumberFormat);
    }

    private static string Format<T>(T value, Action<DutchTextBuilder, T> write)
    {
        var builder = DutchTextBuilder.Rent();
        write(builder, value);
        return builder.ToStringAndReturn(trim: false);
    }

    private static readonly NumberFormatInfo NumberFormat = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
}
