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

    public static decimal? YearsBetween(int? from, int? to)
    {
        if (from is null || to is null) return null;
        var a = DateOnly.FromDayNumber(from.Value);
        var b = DateOnly.FromDayNumber(to.Value);
        var years = b.Year - a.Year;
        if (b.Month < a.Month || (b.Month == a.Month && b.Day < a.Day)) years--;
        return years;
    }

    public static decimal? MonthsBetween(int? from, int? to)
    {
        if (from is null || to is null) return null;
        var a = DateOnly.FromDayNumber(from.Value);
        var b = DateOnly.FromDayNumber(to.Value);
        var months = (b.Year - a.Year) * 12 + b.Month - a.Month;
        if (b.Day < a.Day) months--;
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
        var start = DateOnly.FromDayNumber(date.Value);
        var month = (start.Year - 1) * 12 + start.Month - 1 + (int)months.Value;
        return month is >= 0 and < CalendarMonths ? start.AddMonths((int)months.Value).DayNumber : null;
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
        if (value is null && table.KeysKnown(text1, number1, text2, number2)) state.MarkMissing(leaf, string.Join(", ", new object?[] { text1 ?? (object?)number1, text2 ?? (object?)number2 }.Where(k => k is not null)));
        return value;
    }

    // Quantifiers over a collection (the events of one type, or the municipality's employees). A predicate that is
    // unknown for some item makes "exists" unknown unless another item makes it true; "count" and "sum" are unknown as
    // soon as one item is; an unknown collection (employees not given) makes them all unknown.
    public static bool? Exists<T>(EvaluationState state, T[]? items, Func<EvaluationState, T, bool?>? where)
    {
        if (items is null) return null;
        var unknown = false;
        for (var i = 0; i < items.Length; i++)
        {
            var match = where is null ? true : where(state, items[i]);
            if (match == true) return true;
            if (match is null) unknown = true;
        }

        return unknown ? null : false;
    }

    public static decimal? Count<T>(EvaluationState state, T[]? items, Func<EvaluationState, T, bool?>? where)
    {
        if (items is null) return null;
        if (where is null) return items.Length;
        var count = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var match = where(state, items[i]);
            if (match is null) return null;
            if (match == true) count++;
        }

        return count;
    }

    public static decimal? Sum<T>(EvaluationState state, T[]? items, Func<EvaluationState, T, bool?>? where, Func<T, decimal?> field)
    {
        if (items is null) return null;
        decimal sum = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var match = where is null ? true : where(state, items[i]);
            if (match is null) return null;
            if (match == false) continue;
            if (field(items[i]) is not { } value) return null;
            sum += value;
        }

        return sum;
    }

    /// <summary>A field of the most recent (or first) matching item; unknown when none matches or a later one might.</summary>
    /// <summary>The field of the latest (or earliest) matching item; null when none matches, and then nothing is missing.
    /// A matching item whose field is unknown records the field as missing.</summary>
    public static TValue? Pick<T, TValue>(EvaluationState state, T[]? items, Func<EvaluationState, T, bool?>? where, Func<T, TValue?> field, bool latest, int leaf)
    {
        if (items is null) return default;
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[latest ? items.Length - 1 - k : k];
            var match = where is null ? true : where(state, item);
            if (match is null) return default;
            if (match != true) continue;
            var value = field(item);
            if (value is null) state.MarkMissing(leaf);
            return value;
        }

        return default;
    }

    /// <summary>The municipality's employees, or null (unknown, recorded as missing) when the case does not list them.</summary>
    public static Employee[]? Employees(EvaluationState state, int leaf)
    {
        var employees = state.EmployeeArray;
        if (employees is null) state.MarkMissing(leaf);
        return employees;
    }
}
