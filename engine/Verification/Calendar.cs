namespace EligibilityEngine.Verification;

/// <summary>
/// The calendar as SMT functions over day numbers (<see cref="DateOnly.DayNumber"/>: 0 is 1 January of year 1), defined
/// once per script: the day number of a year, month and day (with one division by 4, exact from 1 January 1900 to 28
/// February 2100, where 1900 and 2100 are the only years divisible by 4 that are not leap years: a solver finds cases
/// far faster than with the general formula), the days of a month, and the truncation of a number to a whole one as
/// (int) does. Whole months and years and add_months are written by <see cref="ConditionEncoder"/> on the year, month
/// and day of a date. The year, month and day of a day number, written forward (cal.year, cal.month, cal.day: the
/// civil-from-days algorithm, divisions by constants only), are for queries whose dates are all fixed: there they fold to
/// numbers at once, where tying new variables to cal.days leaves the solver to search for them.
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
        (define-fun cal.doe ((n Int)) Int (mod (+ n 306) 146097))
        (define-fun cal.yoe ((n Int)) Int (let ((e (cal.doe n))) (div (- (+ e (div e 36524)) (div e 1460) (div e 146096)) 365)))
        (define-fun cal.mp ((n Int)) Int
          (let ((e (cal.doe n)) (y (cal.yoe n))) (div (+ (* 5 (- e (- (+ (* 365 y) (div y 4)) (div y 100)))) 2) 153)))
        (define-fun cal.month ((n Int)) Int (let ((mp (cal.mp n))) (ite (< mp 10) (+ mp 3) (- mp 9))))
        (define-fun cal.day ((n Int)) Int
          (let ((e (cal.doe n)) (y (cal.yoe n)) (mp (cal.mp n))) (+ (- (- e (- (+ (* 365 y) (div y 4)) (div y 100))) (div (+ (* 153 mp) 2) 5)) 1)))
        (define-fun cal.year ((n Int)) Int (+ (cal.yoe n) (* 400 (div (+ n 306) 146097)) (ite (<= (cal.month n) 2) 1 0)))

        """;

    /// <summary>The dates a symbolic case ranges over: wide enough for every life and every version, and within the
    /// calendar, so that no date arithmetic of the rules leaves it.</summary>
    public static readonly DateOnly First = new(1901, 1, 1);

    public static readonly DateOnly Last = new(2099, 12, 31);

    /// <summary>Where cal.days is exact.</summary>
    public static readonly DateOnly ExactFrom = new(1900, 1, 1);

    public static readonly DateOnly ExactUntil = new(2100, 2, 28);

    /// <summary>The year, month and day of a date term computed forward, where the calendar is exact: implied by
    /// <c>(= date (cal.days y m d))</c> there, so asserting it changes no answer; it only spares the search.</summary>
    public static string PartsFromDay(string date, (string Year, string Month, string Day) parts) =>
        $"(=> (<= {ExactFrom.DayNumber} {date} {ExactUntil.DayNumber}) (and (= {parts.Year} (cal.year {date})) (= {parts.Month} (cal.month {date})) (= {parts.Day} (cal.day {date}))))";
}
