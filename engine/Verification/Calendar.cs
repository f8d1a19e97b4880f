namespace EligibilityEngine.Verification;

/// <summary>
/// The calendar as SMT functions over day numbers (<see cref="DateOnly.DayNumber"/>: 0 is 1 January of year 1), defined
/// once per script: the day number of a year, month and day (with one division by 4, exact from 1 January 1900 to 28
/// February 2100, where 1900 and 2100 are the only years divisible by 4 that are not leap years: a solver finds cases
/// far faster than with the general formula), the days of a month, and the truncation of a number to a whole one as
/// (int) does. Whole months and years and add_months are written by <see cref="ConditionEncoder"/> on the year, month
/// and day of a date.
/// </summary>
public static class Calendar
{
    public const string Definitions = """
        (define-fun cal.before_month ((m Int)) Int
          (ite (= m 1) 0 (ite (= m 2) 31 (ite (= m 3) 59 (ite (= m 4) 90 (ite (= m 5) 120 (ite (= m 6) 151
          (ite (= m 7) 181 (ite (= m 8) 212 (ite (= m 9) 243 (ite (= m 10) 273 (ite (= m 11) 304 334))))))))))))
        (define-fun cal.leap ((y Int)) Bool (and (= (mod y 4) 0) (not (= y 1900)) (not (= y 2100))))
        (define-fun cal.days ((y Int) (m Int) (dd Int)) Int
          (+ 693960 (* 365 (- y 1901)) (div (- y 1) 4) (- 475) (ite (<= y 1900) 1 0) (cal.before_month m) (ite (and (> m 2) (cal.leap y)) 1 0) (- dd 1)))
        (define-fun cal.dim ((y Int) (m Int)) Int
          (ite (= m 2) (ite (cal.leap y) 29 28) (ite (or (= m 4) (= m 6) (= m 9) (= m 11)) 30 31)))
        (define-fun num.trunc ((x Real)) Int (ite (>= x 0.0) (to_int x) (- (to_int (- x)))))

        """;

    /// <summary>The dates a symbolic case ranges over: wide enough for every life and every version, and within the
    /// calendar, so that no date arithmetic of the rules leaves it.</summary>
    public static readonly DateOnly First = new(1901, 1, 1);

    public static readonly DateOnly Last = new(2099, 12, 31);

    /// <summary>Where cal.days is exact.</summary>
    public static readonly DateOnly ExactFrom = new(1900, 1, 1);

    public static readonly DateOnly ExactUntil = new(2100, 2, 28);
}
