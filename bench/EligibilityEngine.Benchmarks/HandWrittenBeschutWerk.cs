using EligibilityEngine.Facts;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// The 2017 beschut-werk rules written out by hand in plain C#, with the same three-valued logic, as the speed limit to
/// compare the engine against. Only outcome values are produced (no explanations, no trace).
/// </summary>
public static class HandWrittenBeschutWerk
{
    public readonly record struct Result(string Advies, string Ontvankelijkheid, string Plicht, string Levensloop, string Loonkostensubsidie);

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;

    private static bool? Not(bool? a) => a is null ? null : !a;

    public static Result Evaluate(Case c, DateOnly asOf, IReadOnlyDictionary<(string, int), int> quota)
    {
        var p = c.Person;
        var a = c.Application.Date > asOf ? new Application() : c.Application;
        CaseEvent? Latest(EventType t)
        {
            CaseEvent? found = null;
            foreach (var e in c.Events) if (e.Type == t && e.Date <= asOf) found = e;
            return found;
        }

        bool Exists(EventType t, Func<CaseEvent, bool> where)
        {
            foreach (var e in c.Events) if (e.Type == t && e.Date <= asOf && where(e)) return true;
            return false;
        }

        // Criteria
        var arbeidsvermogen = p.HasWorkCapacity;
        // Each ground with its own "niet binnen redelijke grenzen door een werkgever" (BabW art. 3 lid 1 a and b).
        var begeleiding = And(p.SupervisionNeed is null ? null : p.SupervisionNeed is SupervisionLevel.Intensive or SupervisionLevel.Permanent, p.SupervisionBeyondEmployer);
        var aanpassingen = And(p.AdaptationNeed is null ? null : p.AdaptationNeed is AdaptationLevel.Limited or AdaptationLevel.Extensive, p.AdaptationsBeyondEmployer);
        // Art. 10b lid 1 (2017): bijstand or a UWV benefit, or no benefit and registered as a job seeker (a NUG).
        var personenkring = Or(p.Benefit is null ? null : p.Benefit != BenefitType.None, And(p.Benefit is null ? null : p.Benefit == BenefitType.None, p.RegisteredAsJobSeeker));
        // Under this year's AOW age today, and had not reached last year's age by 31 December last year; a year outside
        // the table is unknown, as in the rule set.
        static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);
        static int? AowMonths(int year) => year switch
        {
            2014 => 782, 2015 => 783, 2016 => 786, 2017 => 789, 2018 => 792, >= 2019 and <= 2021 => 796, 2022 => 799, 2023 => 802,
            >= 2024 and <= 2027 => 804, >= 2028 and <= 2031 => 807, _ => null,
        };
        static bool? Below(int months, int? limit) => limit is null ? null : months < limit;
        bool? jong = p.DateOfBirth is { } dob
            ? And(Below(MonthsBetween(dob, asOf), AowMonths(asOf.Year)), Below(MonthsBetween(dob, new DateOnly(asOf.Year - 1, 12, 31)), AowMonths(asOf.Year - 1)))
            : null;

        // Admissibility first: a request that is not admissible gets no advice.
        var ontvankelijkheid = FirstOf(
            (a.Applicant is null && a.Date is null, "geen_aanvraag"),
            (a.Applicant is null ? null : a.Applicant == Applicant.Municipality, "ontvankelijk"),
            (And(a.Applicant is null ? null : a.Applicant == Applicant.Person, a.Date is null ? null : a.Date < new DateOnly(2017, 1, 1)), "niet_ontvankelijk"),
            (a.Date is null ? null : a.Date >= new DateOnly(2017, 1, 1), "ontvankelijk"),
            (a.Applicant is null ? null : a.Applicant == Applicant.Person, "ontvankelijk"));

        // An own request without new facts, made from 2017-02-25, within twelve months of an advice (BabW art. 3 lid 3
        // onder b): an earlier positive advice that still stands stays; otherwise the advice is negative. A conversion
        // on a banenafspraak indication is no advice.
        var repeated = And(And(a.Applicant is null ? null : a.Applicant == Applicant.Person, Not(a.NewFactsStated)),
            a.Date is null ? null : a.Date >= new DateOnly(2017, 2, 25));
        bool InWindow(CaseEvent e) => e.Date >= a.Date!.Value.AddMonths(-12) && e.Date <= a.Date;
        var latestAdvice = Latest(EventType.AdviceIssued);
        var earlierPositiveStands = a.Date is null ? null : (bool?)(Exists(EventType.AdviceIssued, e => e.Result == AdviceResult.Positief && InWindow(e))
            && !Exists(EventType.AdviceIssued, e => e.Result == AdviceResult.Negatief && InWindow(e))
            && !Exists(EventType.BanenafspraakIndicationGranted, e => e.Date >= latestAdvice!.Date)
            && !Exists(EventType.Determined, e => e.Date >= latestAdvice!.Date)
            && !Exists(EventType.Revoked, e => e.Date >= latestAdvice!.Date));

        // Advice, first applicable rule in priority order; an unknown earlier rule with another value blocks.
        var advies = FirstOf(
            (And(a.Applicant is null && a.Date is null, true), "geen_aanvraag"),
            (ontvankelijkheid == "onvoldoende_gegevens" ? null : ontvankelijkheid == "niet_ontvankelijk", "geen_advies_niet_ontvankelijk"),
            (And(repeated, earlierPositiveStands), "eerder_positief_advies_blijft"),
            (And(repeated, a.Date is null ? null : Exists(EventType.AdviceIssued, InWindow)), "negatief"),
            (And(And(p.WswIndication, p.WswSupportedWorkPossible), Not(a.NewFactsStated)), "negatief"),
            (And(And(p.WswIndication, Not(p.WswSupportedWorkPossible)), Not(a.NewFactsStated)), "positief"),
            (Not(arbeidsvermogen), "negatief"),
            (And(arbeidsvermogen, Or(begeleiding, aanpassingen)), "positief"),
            (And(Not(begeleiding), Not(aanpassingen)), "negatief"));

        // Lifecycle findings
        var lastAdvice = Latest(EventType.AdviceIssued);
        var laatstePositief = lastAdvice is not null && lastAdvice.Result == AdviceResult.Positief;
        var omgezet = laatstePositief && Exists(EventType.BanenafspraakIndicationGranted, e => e.Date >= lastAdvice!.Date);
        var verloren = lastAdvice is not null && Exists(EventType.WorkCapacityLost, e => e.Date >= lastAdvice.Date);
        var lastPlaced = Latest(EventType.Placed);
        // A banenafspraak job or the conversion ends beschut werk, even without a 'left' event.
        var werkt = laatstePositief && Exists(EventType.Placed, e => e.Date >= lastAdvice!.Date)
            && !Exists(EventType.Left, e => e.Date >= lastPlaced!.Date) && !omgezet
            && !Exists(EventType.BanenafspraakJobStarted, e => e.Date >= lastPlaced!.Date);
        // The college's determination (vaststelling): the duty runs to a person it has determined.
        var lastDetermined = Latest(EventType.Determined);
        bool? DeterminedAs(AdviceResult result) => lastDetermined is null ? false : lastDetermined.Result is null ? null : lastDetermined.Result == result;
        var vastgesteld = And(DeterminedAs(AdviceResult.Positief), lastDetermined is null
            || (!Exists(EventType.BanenafspraakIndicationGranted, e => e.Date >= lastDetermined.Date) && !Exists(EventType.WorkCapacityLost, e => e.Date >= lastDetermined.Date)
                && !Exists(EventType.Moved, e => e.Date >= lastDetermined.Date)));
        var vastgesteldNiet = And(DeterminedAs(AdviceResult.Negatief), lastDetermined is null
            || (!Exists(EventType.AdviceIssued, e => e.Date > lastDetermined.Date) && !(a.Date > lastDetermined.Date)));
        var geldig = Or(Or(advies == "positief" ? true : advies == "onvoldoende_gegevens" ? null : false, laatstePositief && !omgezet && !verloren), vastgesteld);

        var grant = Latest(EventType.BanenafspraakIndicationGranted);
        var ended = Latest(EventType.BanenafspraakJobEnded);
        var levensloop =
            lastAdvice is null ? "geen_advies"
            : verloren ? "arbeidsvermogen_verloren"
            : lastAdvice.Result == AdviceResult.Negatief ? "advies_negatief"
            : omgezet && ended is not null && ended.Date >= grant!.Date && !Exists(EventType.BanenafspraakJobStarted, e => e.Date > ended.Date) ? "terugval_nieuwe_aanvraag_nodig"
            : omgezet ? "advies_omgezet"
            : werkt ? "geplaatst"
            : laatstePositief && Exists(EventType.Left, e => e.Date >= lastAdvice.Date) ? "uitgevallen"
            : "advies_positief";

        // Duty, bounded by the quota in dienstbetrekkingen.
        var m = c.Municipality;
        decimal? count = m.Employees?.Count;
        decimal? number = m.Quota ?? (m.Code is not null && quota.TryGetValue((m.Code, asOf.Year), out var q) ? q : null);
        // A higher number by verordening binds the college too (art. 10b lid 5 and 6).
        bool? Less(decimal? a, decimal? b) => a is null || b is null ? null : a < b;
        var underOrdinance = And(m.HigherNumberByOrdinance, Less(count, m.OrdinanceNumber));
        var under = Or(Less(count, number), underOrdinance);
        var reached = And(Not(Less(count, number)), Or(Not(m.HigherNumberByOrdinance), Not(Less(count, m.OrdinanceNumber))));
        var plicht = FirstOf(
            (Not(geldig), "geen_plicht_geen_positief_advies"),
            (vastgesteldNiet, "geen_plicht_vastgesteld_niet_doelgroep"),
            (werkt, "reeds_geplaatst"),
            (Or(Not(personenkring), Not(jong)), "geen_plicht_buiten_personenkring"),
            (And(And(geldig, Not(vastgesteld)), under), "vaststelling_door_college_nodig"),
            (And(vastgesteld, Less(count, number)), "plicht_tot_aanbod"),
            (And(vastgesteld, underOrdinance), "plicht_tot_aanbod"),
            (And(geldig, reached), "geen_plicht_quotum_bereikt"));

        // Loonkostensubsidie only with a dienstbetrekking (Pw art. 10d lid 1).
        var lks = werkt ? "loonwaardemeting" : "niet_van_toepassing";
        return new Result(advies, ontvankelijkheid, plicht, levensloop, lks);
    }

    private static string FirstOf(params (bool? When, string Value)[] rules)
    {
        string? blocked = null;
        foreach (var (when, value) in rules)
        {
            if (when == true) return blocked is not null && blocked != value ? "onvoldoende_gegevens" : value;
            if (when is null && blocked is null) blocked = value;
            else if (when is null && blocked != value) blocked = "*";
        }

        return blocked is null ? "geen" : "onvoldoende_gegevens";
    }
}
