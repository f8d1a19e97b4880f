namespace EligibilityEngine.Verification;

/// <summary>
/// The calendar as SMT functions over day numbers (<see cref="DateOnly.DayNumber"/>: 0 is 1 January of year 1), defined
/// once per script: year, month and day of a day number and back (the proleptic Gregorian calendar, by H. Hinnant's
/// civil_from_days / days_from_civil, linear arithmetic with division by constants only), whole months and years as a
/// person's age is counted, and <c>add_months</c> clamped to the month's last day as <see cref="DateOnly.AddMonths"/> does.
/// </summary>
public static class Calendar
{
    public const string Definitions = """
        (define-fun cal.doe ((d Int)) Int (mod (+ d 306) 146097))
        (define-fun cal.yoe ((d Int)) Int (let ((doe (cal.doe d))) (div (- (+ (- doe (div doe 1460)) (div doe 36524)) (div doe 146096)) 365)))
        (define-fun cal.doy ((d Int)) Int (let ((yoe (cal.yoe d))) (- (cal.doe d) (- (+ (* 365 yoe) (div yoe 4)) (div yoe 100)))))
        (define-fun cal.mp ((d Int)) Int (div (+ (* 5 (cal.doy d)) 2) 153))
        (define-fun cal.day ((d Int)) Int (+ (- (cal.doy d) (div (+ (* 153 (cal.mp d)) 2) 5)) 1))
        (define-fun cal.month ((d Int)) Int (let ((mp (cal.mp d))) (ite (< mp 10) (+ mp 3) (- mp 9))))
        (define-fun cal.year ((d Int)) Int (+ (cal.yoe d) (* 400 (div (+ d 306) 146097)) (ite (<= (cal.month d) 2) 1 0)))
        (define-fun cal.days ((y Int) (m Int) (dd Int)) Int
          (let ((y2 (- y (ite (<= m 2) 1 0))))
          (let ((era (div y2 400)))
          (let ((yoe (- y2 (* 400 era))))
          (- (+ (* 146097 era) (* 365 yoe) (div yoe 4) (- (div yoe 100)) (div (+ (* 153 (ite (> m 2) (- m 3) (+ m 9))) 2) 5) (- dd 1)) 306)))))
        (define-fun cal.leap ((y Int)) Bool (or (and (= (mod y 4) 0) (not (= (mod y 100) 0))) (= (mod y 400) 0)))
        (define-fun cal.dim ((y Int) (m Int)) Int
          (ite (= m 2) (ite (cal.leap y) 29 28) (ite (or (= m 4) (= m 6) (= m 9) (= m 11)) 30 31)))
        (define-fun cal.add_months ((d Int) (n Int)) Int
          (let ((t (+ (* 12 (cal.year d)) (- (cal.month d) 1) n)))
          (let ((ny (div t 12)) (nm (+ (mod t 12) 1)))
          (let ((last (cal.dim ny nm)) (dd (cal.day d)))
          (cal.days ny nm (ite (< dd last) dd last))))))
        (define-fun cal.months_between ((a Int) (b Int)) Int
          (- (+ (* 12 (- (cal.year b) (cal.year a))) (- (cal.month b) (cal.month a))) (ite (< (cal.day b) (cal.day a)) 1 0)))
        (define-fun cal.years_between ((a Int) (b Int)) Int
          (- (- (cal.year b) (cal.year a))
             (ite (or (< (cal.month b) (cal.month a)) (and (= (cal.month b) (cal.month a)) (< (cal.day b) (cal.day a)))) 1 0)))
        (define-fun num.trunc ((x Real)) Int (ite (>= x 0.0) (to_int x) (- (to_int (- x)))))

        """;

    /// <summary>The dates a symbolic case ranges over: wide enough for every life and every version, and within the
    /// calendar, so that no date arithmetic of the rules leaves it.</summary>
    public static readonly DateOnly First = new(1900, 1, 1);

    public static readonly DateOnly Last = new(2099, 12, 31);
}
