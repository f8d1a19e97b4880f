
namespace EligibilityEngine.Runtime;

/// <summary>
/// Operators of the condition language that need more than a lifted .NET operator: three-valued and/or that forget
/// irrelevant unknown reads, text equality, first_known, min/max, membership. (Comparisons and arithmetic on numbers
/// and dates are emitted inline by the compiler.)
/// </summary>
public static partial class RuntimeOps
{
    /// <summary>Kleene conjunction: false wins over unknown. A known result forgets the unknown reads since <paramref name="mark"/>.</summary>
    public static bool? And(EvaluationState state, int mark, bool? a, bool? b)
    {
        bool? result = a == false || b == false ? false : a == true && b == true ? true : null;
        state.KeepMissingIfUnknown(mark, result.HasValue);
        return result;
    }

    /// <summary>Kleene disjunction: true wins over unknown.</summary>
    public static bool? Or(EvaluationState state, int mark, bool? a, bool? b)
    {
        bool? result = a == true || b == true ? true : a == false && b == false ? false : null;
        state.KeepMissingIfUnknown(mark, result.HasValue);
        return result;
    }

    /// <summary>The result of <c>is known</c>: never unknown itself, so the reads it made are forgotten.</summary>
    public static bool? Known(EvaluationState state, int mark, bool known)
    {
        state.KeepMissingIfUnknown(mark, true);
        return known;
    }

    public static decimal? FirstKnown(EvaluationState state, int mark, decimal? a, decimal? b) => Keep(state, mark, a ?? b);

    public static int? FirstKnown(EvaluationState state, int mark, int? a, int? b) => Keep(state, mark, a ?? b);

    public static bool? FirstKnown(EvaluationState state, int mark, bool? a, bool? b) => Keep(state, mark, a ?? b);

    public static string? FirstKnown(EvaluationState state, int mark, string? a, string? b)
    {
        var result = a ?? b;
        state.KeepMissingIfUnknown(mark, result is not null);
        return result;
    }

    private static T? Keep<T>(EvaluationState state, int mark, T? value) where T : struct
    {
        state.KeepMissingIfUnknown(mark, value.HasValue);
        return value;
    }

    public static bool? Equal(string? a, string? b) => a is null || b is null ? null : string.Equals(a, b, StringComparison.Ordinal);

    public static decimal? Min(decimal? a, decimal? b) => a.HasValue && b.HasValue ? Math.Min(a.Value, b.Value) : null;

    public static int? Min(int? a, int? b) => a.HasValue && b.HasValue ? Math.Min(a.Value, b.Value) : null;

    public static decimal? Max(decimal? a, decimal? b) => a.HasValue && b.HasValue ? Math.Max(a.Value, b.Value) : null;

    public static int? Max(int? a, int? b) => a.HasValue && b.HasValue ? Math.Max(a.Value, b.Value) : null;

    /// <summary><c>value in [...]</c>: unknown when the value is unknown; lists hold known constants.</summary>
    public static bool? In(int? value, int[] items) => value.HasValue ? Array.IndexOf(items, value.Value) >= 0 : null;

    public static bool? In(decimal? value, decimal[] items) => value.HasValue ? Array.IndexOf(items, value.Value) >= 0 : null;

    public static bool? In(string? value, string[] items) => value is null ? null : Array.IndexOf(items, value) >= 0;

    public static bool? In(bool? value, bool[] items) => value.HasValue ? Array.IndexOf(items, value.Value) >= 0 : null;
}
