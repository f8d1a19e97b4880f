
namespace EligibilityEngine.Runtime;

/// <summary>
/// Operators of the condition language that need more than a lifted .NET operator: text equality, min/max, membership.
/// (Comparisons and arithmetic on numbers and dates, and/or, first_known and <c>is known</c> are emitted inline by the
/// compiler.)
/// </summary>
public static partial class RuntimeOps
{
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
