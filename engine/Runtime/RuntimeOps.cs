using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Runtime;

/// <summary>
/// Helpers that compiled conditions call. Rule authors cannot name these: the compiler emits the calls for the
/// operators and functions of the condition language. Every helper treats null as unknown.
/// </summary>
public static partial class RuntimeOps
{
    public static bool? Track(bool? value, EvaluationState state, int leaf) { if (value is null) state.MarkMissing(leaf); return value; }

    public static decimal? Track(decimal? value, EvaluationState state, int leaf) { if (value is null) state.MarkMissing(leaf); return value; }

    public static int? Track(int? value, EvaluationState state, int leaf) { if (value is null) state.MarkMissing(leaf); return value; }

    public static string? Track(string? value, EvaluationState state, int leaf) { if (value is null) state.MarkMissing(leaf); return value; }

    public static bool? Truth(byte[] values, int index, EvaluationState state, int leaf) => values[index] switch
    {
        EvaluationState.True => true,
        EvaluationState.False => false,
        _ => Missing(state, leaf),
    };

    public static int? Outcome(EvaluationState state, int index, int leaf)
    {
        var value = state.Outcomes[index];
        if (value != EvaluationState.Undetermined) return value;
        state.MarkMissing(leaf);
        return null;
    }

    private static bool? Missing(EvaluationState state, int leaf)
    {
        state.MarkMissing(leaf);
        return null;
    }


    public static decimal? Divide(decimal? a, decimal? b) => a is null || b is null || b == 0 ? null : a / b;

    // Each of DateOnly's Year, Month and Day works the calendar date out of the day number again: a date is taken apart
    // once (Deconstruct) where more than one of them is read.
    public static decimal? YearsBetween(int? from, int? to)
    {
        if (from is null || to is null) return null;
        DateOnly.FromDayNumber(from.Value).Deconstruct(out var fromYear, out var fromMonth, out var fromDay);
        DateOnly.FromDayNumber(to.Value).Deconstruct(out var toYear, out var toMonth, out var toDay);
        var years = toYear - fromYear;
        if (toMonth < fromMonth || (toMonth == fromMonth && toDay < fromDay)) years--;
        return years;
    }

    public static decimal? MonthsBetween(int? from, int? to)
    {
        if (from is null || to is null) return null;
        DateOnly.FromDayNumber(from.Value).Deconstruct(out var fromYear, out var fromMonth, out var fromDay);
        DateOnly.FromDayNumber(to.Value).Deconstruct(out var toYear, out var toMonth, out var toDay);
        var months = (toYear - fromYear) * 12 + toMonth - fromMonth;
        if (toDay < fromDay) months--;
        return months;
    }

    public static decimal? DaysBetween(int? from, int? to) => from is null || to is null ? null : to.Value - from.Value;

    // Date arithmetic that leaves the calendar (0001-01-01 to 9999-12-31) knows no answer: unknown, never an exception.
    // Whole days, months and years: a fraction is cut off towards zero.
    private static readonly int LastDay = DateOnly.MaxValue.DayNumber;

    private const int CalendarMonths = 9999 * 12;

    public static int? AddDays(int? date, decimal? days)
    {
        if (date is null || days is null || Math.Abs(days.Value) > LastDay) return null;
        var day = date.Value + (int)days.Value;
        return day >= 0 && day <= LastDay ? day : null;
    }

    public static int? AddMonths(int? date, decimal? months)
    {
        if (date is null || months is null || Math.Abs(months.Value) >= CalendarMonths) return null;
        DateOnly.FromDayNumber(date.Value).Deconstruct(out var year, out var startMonth, out var day);
        var month = (year - 1) * 12 + startMonth - 1 + (int)months.Value;
        if (month is < 0 or >= CalendarMonths) return null;
        // As DateOnly.AddMonths: the same day of the month, or the month's last day where it is shorter.
        var (newYear, newMonth) = (month / 12 + 1, month % 12 + 1);
        return new DateOnly(newYear, newMonth, Math.Min(day, DateTime.DaysInMonth(newYear, newMonth))).DayNumber;
    }

    /// <summary>As many times twelve months (29 February plus a year is 28 February, as in <see cref="DateOnly.AddYears"/>).</summary>
    public static int? AddYears(int? date, decimal? years) =>
        years is null || Math.Abs(years.Value) >= CalendarMonths ? null : AddMonths(date, decimal.Truncate(years.Value) * 12);

    public static decimal? Year(int? date) => date is null ? null : DateOnly.FromDayNumber(date.Value).Year;

    public static int? StartOfYear(int? date) => date is null ? null : new DateOnly(DateOnly.FromDayNumber(date.Value).Year, 1, 1).DayNumber;

    public static decimal? Lookup(ParameterTable table, string? text1, decimal? number1, string? text2, decimal? number2, EvaluationState state, int leaf)
    {
        var value = table.Find(text1, number1, text2, number2);
        // An unknown key is reported through its own fact; only a row absent for known keys is reported here.
        if (value is null && table.KeysKnown(text1, number1, text2, number2)) state.MarkMissing(leaf, !state.RecordMissing ? null : string.Join(", ", new object?[] { text1 ?? (object?)number1, text2 ?? (object?)number2 }.Where(k => k is not null)));
        return value;
    }

    /// <summary>The municipality's employees, or null (unknown, recorded as missing) when the case does not list them.</summary>
    public static Employee[]? Employees(EvaluationState state, int leaf)
    {
        var employees = state.EmployeeArray;
        if (employees is null) state.MarkMissing(leaf);
        return employees;
    }
}
