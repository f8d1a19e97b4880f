using EligibilityEngine.Facts;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// The rules of version 2017-02-25 (in force 25 February to 31 December 2017) written out by hand in plain C#, with the
/// same three-valued logic, as the speed limit to compare the engine against: every rule that decides one of the five
/// outcomes, in an order that respects what each reads. Only outcome values are produced (no criteria records,
/// findings, explanations or trace). <see cref="BaselineFidelity"/> checks that it decides what the rules decide;
/// when the rules change, so must this.
/// </summary>
public static class HandWrittenBeschutWerk
{
    public readonly record struct Result(string Advies, string Ontvankelijkheid, string Plicht, string Levensloop, string Loonkostensubsidie);

    private const string Undetermined = "onvoldoende_gegevens";
    private static readonly DateOnly OwnApplicationFrom = new(2017, 1, 1);
    private static readonly DateOnly ReapplicationRuleFrom = new(2017, 2, 25);
    private const int ReapplicationMonths = 12;
    private static readonly DateOnly LksWithoutWageValueFrom = new(2017, 2, 1);
    private const int LksWithoutWageValueMonths = 6;

    public static Result Evaluate(Case c, DateOnly asOf, IReadOnlyDictionary<(string, int), int> quota)
    {
        // What is dated after the peildatum had not happened on it: a later application or birth is unknown.
        var a = c.Application.Date > asOf ? new Application() : c.Application;
        var p = c.Person;
        var dateOfBirth = p.DateOfBirth > asOf ? null : p.DateOfBirth;
        var events = EventsUpTo(c.Events, asOf);

        var latestAdvice = Latest(events, EventType.AdviceIssued);
        var latestDetermined = Latest(events, EventType.Determined);
        var latestPlaced = Latest(events, EventType.Placed);
        var adviceDate = latestAdvice?.Date;
        var determinedDate = latestDetermined?.Date;
        var anyAdvice = latestAdvice is not null;
        var anyDetermined = latestDetermined is not null;

        // Criteria (BabW art. 3 lid 1; Pw art. 10b lid 1, art. 7 lid 3 onder a; Pw art. 6 onder a and art. 9).
        var arbeidsvermogen = p.HasWorkCapacity;
        var begeleiding = And(p.SupervisionNeed is null ? null : p.SupervisionNeed is SupervisionLevel.Intensive or SupervisionLevel.Permanent, p.SupervisionBeyondEmployer);
        var aanpassingen = And(p.AdaptationNeed is null ? null : p.AdaptationNeed is AdaptationLevel.Limited or AdaptationLevel.Extensive, p.AdaptationsBeyondEmployer);
        bool? InPersonenkring(DateOnly? on) => Or(UwvBenefit(p.Benefit),
            And(Or(Is(p.Benefit, BenefitType.Participatiewet), And(Is(p.Benefit, BenefitType.None), p.RegisteredAsJobSeeker)),
                Or(AtLeast(YearsBetween(dateOfBirth, on), 27), Not(p.CanFollowFundedEducation))));
        var personenkring = InPersonenkring(asOf);
        var jong = And(Below(MonthsBetween(dateOfBirth, asOf), AowMonths(asOf.Year)),
            Below(MonthsBetween(dateOfBirth, new DateOnly(asOf.Year - 1, 12, 31)), AowMonths(asOf.Year - 1)));

        var noApplication = a.Applicant is null && a.Date is null;
        var byPerson = Is(a.Applicant, Applicant.Person);
        var toCollege = Is(a.Applicant, Applicant.PersonToCollege);
        var ontvankelijkheid = new FirstTrue()
            .Rule(noApplication, "geen_aanvraag")
            .Rule(Is(a.Applicant, Applicant.Municipality), "ontvankelijk")
            .Rule(And(Or(byPerson, toCollege), Before(a.Date, OwnApplicationFrom)), "niet_ontvankelijk")
            .Rule(And(byPerson, Not(InPersonenkring(a.Date))), "niet_ontvankelijk")
            .Rule(And(toCollege, OnOrAfter(a.Date, OwnApplicationFrom)), "ontvankelijk")
            .Rule(OnOrAfter(a.Date, OwnApplicationFrom), "ontvankelijk")
            .Rule(byPerson, "ontvankelijk")
            .Value;
        var ontvankelijk = OutcomeIs(ontvankelijkheid, "ontvankelijk");

        // Findings of the history (levensloop).
        bool? laatstePositief = anyAdvice ? Is(latestAdvice!.Result, AdviceResult.Positief) : false;
        bool? verloren = anyAdvice ? Any(events, EventType.WorkCapacityLost, from: adviceDate) : false;
        var werkt = latestPlaced is not null && Any(events, EventType.Left, from: latestPlaced.Date) == false;
        bool? ingetrokken = anyDetermined
            ? Or(Any(events, EventType.Revoked, after: determinedDate), And(Any(events, EventType.Revoked, from: determinedDate, to: determinedDate),
                Not(Any(events, EventType.Determined, before: determinedDate))))
            : false;
        var omgezet = And(laatstePositief, Any(events, EventType.BanenafspraakIndicationGranted, from: adviceDate));
        var determinedPositive = anyDetermined ? Is(latestDetermined!.Result, AdviceResult.Positief) : null;
        var determinedNegative = anyDetermined ? Is(latestDetermined!.Result, AdviceResult.Negatief) : null;
        var negatiefIngetrokken = And(ingetrokken, determinedNegative);
        var revokedPositive = And(ingetrokken, determinedPositive);
        var revokedDate = revokedPositive == false ? null : Latest(events, EventType.Revoked)?.Date;
        var nieuweNaIntrekking = revokedPositive == false ? false : And(revokedPositive, And(ontvankelijk,
            And(And(Not(Any(events, EventType.AdviceIssued, after: revokedDate)), Not(Any(events, EventType.AdviceIssued, from: a.Date))),
                Or(Not(toCollege), After(a.Date, determinedDate)))));
        var negativeStands = And(determinedNegative, Not(ingetrokken));
        bool? vastgesteldNiet = anyDetermined && negativeStands != false
            ? And(negativeStands, And(Not(Any(events, EventType.AdviceIssued, after: determinedDate)),
                Or(Or(OutcomeIs(ontvankelijkheid, "geen_aanvraag"), OutcomeIs(ontvankelijkheid, "niet_ontvankelijk")),
                    Not(Or(After(a.Date, determinedDate), And(Same(a.Date, determinedDate), Not(toCollege)))))))
            : false;
        var positiveDeterminedDate = negatiefIngetrokken == false ? null : LatestPositiveDetermination(events);
        var herleeft = negatiefIngetrokken == false ? false : And(And(negatiefIngetrokken, Any(events, EventType.Determined, result: AdviceResult.Positief)),
            And(Not(Any(events, EventType.Determined, after: positiveDeterminedDate, before: determinedDate)),
                Not(Any(events, EventType.Revoked, after: positiveDeterminedDate, before: determinedDate))));
        bool? beantwoord = anyAdvice && anyDetermined
            ? And(And(AtLeast(determinedDate, adviceDate), determinedNegative), And(Not(ingetrokken), Not(vastgesteldNiet)))
            : false;
        var vastgesteld = Or(anyDetermined ? And(determinedPositive, Not(ingetrokken)) : false, herleeft);

        // Advice (BabW art. 3), with the twelve-month rule for an own repeated request (art. 3 lid 3 onder b).
        var windowStart = a.Date?.AddMonths(-ReapplicationMonths);
        var repeated = And(And(byPerson, Not(a.NewFactsStated)), OnOrAfter(a.Date, ReapplicationRuleFrom));
        var advies = new FirstTrue()
            .Rule(noApplication, "geen_aanvraag")
            .Rule(OutcomeIs(ontvankelijkheid, "niet_ontvankelijk"), "geen_advies_niet_ontvankelijk")
            .Rule(repeated == false ? false : And(And(repeated, Any(events, EventType.AdviceIssued, from: windowStart, to: a.Date, result: AdviceResult.Positief)),
                And(And(Not(Any(events, EventType.AdviceIssued, from: windowStart, to: a.Date, result: AdviceResult.Negatief)),
                        Not(Any(events, EventType.BanenafspraakIndicationGranted, from: adviceDate))),
                    Or(Or(vastgesteld, negatiefIngetrokken),
                        Not(Or(Any(events, EventType.Determined, from: adviceDate), Any(events, EventType.Revoked, from: adviceDate)))))), "eerder_positief_advies_blijft")
            .Rule(repeated == false ? false : And(repeated, Any(events, EventType.AdviceIssued, from: windowStart, to: a.Date)), "negatief")
            .Rule(And(And(p.WswIndication, p.WswSupportedWorkPossible), Not(a.NewFactsStated)), "negatief")
            .Rule(And(And(p.WswIndication, Not(p.WswSupportedWorkPossible)), Not(a.NewFactsStated)), "positief")
            .Rule(Not(arbeidsvermogen), "negatief")
            .Rule(And(arbeidsvermogen, Or(begeleiding, aanpassingen)), "positief")
            .Rule(And(Not(begeleiding), Not(aanpassingen)), "negatief")
            .Value;
        var adviesNegatief = OutcomeIs(advies, "negatief");

        var convertedAndAdmissible = And(omgezet, ontvankelijk);
        var nieuweNaOmzetting = convertedAndAdmissible == false ? false : And(convertedAndAdmissible,
            And(Or(After(a.Date, adviceDate), And(toCollege, Not(Any(events, EventType.Determined, from: a.Date)))), Not(adviesNegatief)));
        var geldig = Or(Or(OutcomeIs(advies, "positief"), And(And(laatstePositief, Not(omgezet)), And(Not(beantwoord), Not(nieuweNaIntrekking)))), vastgesteld);

        // Duty (Pw art. 10b lid 1, 4-6), bounded by the number of the regeling or a higher one of the verordening.
        var m = c.Municipality;
        decimal? count = m.Employees?.Count;
        decimal? number = m.Quota ?? (m.Code is not null && quota.TryGetValue((m.Code, asOf.Year), out var q) ? q : null);
        decimal? ordinanceNumber = m.OrdinanceNumber;
        var latestMoved = Latest(events, EventType.Moved);
        var revokedStands = revokedPositive == false ? false
            : And(revokedPositive, And(Not(Any(events, EventType.AdviceIssued, after: revokedDate)), Not(nieuweNaIntrekking)));
        var plicht = new FirstTrue()
            .Rule(werkt, "reeds_geplaatst")
            .Rule(Not(geldig), "geen_plicht_geen_positief_advies")
            .Rule(latestMoved is null ? false : latestMoved.Municipality is null || m.Code is null ? null : latestMoved.Municipality != m.Code, "andere_gemeente_na_verhuizing")
            .Rule(revokedStands, "geen_plicht_vaststelling_ingetrokken")
            .Rule(vastgesteldNiet, "geen_plicht_vastgesteld_niet_doelgroep")
            .Rule(Or(Not(personenkring), Not(jong)), "geen_plicht_buiten_personenkring")
            .Rule(And(And(geldig, Not(vastgesteld)), Below(count, number)), "vaststelling_door_college_nodig")
            .Rule(And(And(geldig, Not(vastgesteld)), And(m.HigherNumberByOrdinance, Below(count, ordinanceNumber))), "vaststelling_door_college_nodig")
            .Rule(And(vastgesteld, Below(count, number)), "plicht_tot_aanbod")
            .Rule(And(vastgesteld, And(m.HigherNumberByOrdinance, Below(count, ordinanceNumber))), "plicht_tot_aanbod")
            .Rule(And(And(geldig, AtLeast(count, number)), Or(Not(m.HigherNumberByOrdinance), AtLeast(count, ordinanceNumber))), "geen_plicht_quotum_bereikt")
            .Value;

        // Where the person stands (levensloop); the way back after a failed banenafspraak job.
        var jobEnded = Latest(events, EventType.BanenafspraakJobEnded)?.Date;
        // Read only beside a converted advice (omgezet), which a new application after it (nieuweNaOmzetting) implies.
        var terugval = omgezet == false ? false : And(Any(events, EventType.BanenafspraakJobEnded, from: Latest(events, EventType.BanenafspraakIndicationGranted)?.Date),
            Not(Any(events, EventType.BanenafspraakJobStarted, after: jobEnded)));
        var lastAdviceNegative = anyAdvice ? Is(latestAdvice!.Result, AdviceResult.Negatief) : null;
        var levensloop = new FirstTrue()
            .Rule(!anyAdvice, "geen_advies")
            .Rule(revokedStands, "vaststelling_ingetrokken")
            .Rule(And(nieuweNaIntrekking, Not(adviesNegatief)), "vaststelling_ingetrokken")
            .Rule(And(nieuweNaIntrekking, adviesNegatief), "vaststelling_ingetrokken")
            .Rule(verloren, "arbeidsvermogen_verloren")
            .Rule(vastgesteldNiet, "vastgesteld_niet_doelgroep")
            .Rule(werkt, "geplaatst")
            .Rule(And(vastgesteld, lastAdviceNegative), "vastgesteld_doelgroep")
            .Rule(lastAdviceNegative, "advies_negatief")
            .Rule(And(And(omgezet, vastgesteld), terugval), "vastgesteld_doelgroep")
            .Rule(And(nieuweNaOmzetting, terugval), "terugval_aanvraag_gedaan")
            .Rule(And(omgezet, terugval), "terugval_nieuwe_aanvraag_nodig")
            .Rule(And(omgezet, vastgesteld), "vastgesteld_doelgroep")
            .Rule(nieuweNaOmzetting, "aanvraag_na_omzetting")
            .Rule(omgezet, "advies_omgezet")
            .Rule(And(laatstePositief, Any(events, EventType.Left, from: adviceDate)), "uitgevallen")
            .Rule(vastgesteld, "vastgesteld_doelgroep")
            .Rule(beantwoord, "vastgesteld_niet_doelgroep")
            .Rule(laatstePositief, "advies_positief")
            .Value;

        // Loonkostensubsidie only with a dienstbetrekking (Pw art. 10d lid 1; lid 1 onder b and lid 5 from 1 February 2017).
        var lks = new FirstTrue()
            .Rule(!werkt, "niet_van_toepassing")
            .Rule(werkt && latestPlaced!.Date >= LksWithoutWageValueFrom && asOf < latestPlaced.Date.AddMonths(LksWithoutWageValueMonths),
                "loonwaardemeting_of_50_procent_eerste_zes_maanden")
            .Rule(werkt, "loonwaardemeting")
            .Value;
        return new Result(advies, ontvankelijkheid, plicht, levensloop, lks);
    }

    /// <summary>An outcome's rules in file order: the first true rule gives the value, unless an earlier rule with
    /// another value is unknown; no true rule and an unknown one: undetermined; none at all: "geen".</summary>
    private struct FirstTrue
    {
        private string? _decided;
        private string? _blocked;

        public FirstTrue Rule(bool? when, string value)
        {
            if (_decided is not null) return this;
            if (when == true) _decided = _blocked is not null && _blocked != value ? Undetermined : value;
            // "*": unknown rules of more than one value; any true rule after them is then undetermined.
            else if (when is null) _blocked = _blocked is null ? value : _blocked == value ? value : "*";
            return this;
        }

        public readonly string Value => _decided ?? (_blocked is null ? "geen" : Undetermined);
    }

    // Kleene logic. As methods both sides are computed: where the right side scans the history and the left side can
    // decide alone, the code above tests the left side first, as the engine's compiled conditions do.
    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;

    private static bool? Not(bool? a) => a is null ? null : !a;

    private static bool? Is<T>(T? value, T expected) where T : struct, Enum => value is null ? null : EqualityComparer<T>.Default.Equals(value.Value, expected);

    private static bool? UwvBenefit(BenefitType? benefit) => benefit is null ? null : benefit is BenefitType.Wajong or BenefitType.Wia or BenefitType.OtherUwv;

    /// <summary>An outcome read by another rule: unknown while it is undetermined.</summary>
    private static bool? OutcomeIs(string outcome, string value) => outcome == Undetermined ? null : outcome == value;

    private static bool? Below(decimal? a, decimal? b) => a is null || b is null ? null : a < b;

    private static bool? AtLeast(decimal? a, decimal? b) => a is null || b is null ? null : a >= b;

    private static bool? AtLeast(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a >= b;

    private static bool? Before(DateOnly? a, DateOnly b) => a is null ? null : a < b;

    private static bool? OnOrAfter(DateOnly? a, DateOnly b) => a is null ? null : a >= b;

    private static bool? After(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a > b;

    private static bool? Same(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a == b;

    private static decimal? YearsBetween(DateOnly? from, DateOnly? to)
    {
        if (from is null || to is null) return null;
        from.Value.Deconstruct(out var fromYear, out var fromMonth, out var fromDay);
        to.Value.Deconstruct(out var toYear, out var toMonth, out var toDay);
        return toYear - fromYear - (toMonth < fromMonth || (toMonth == fromMonth && toDay < fromDay) ? 1 : 0);
    }

    private static decimal? MonthsBetween(DateOnly? from, DateOnly to)
    {
        if (from is null) return null;
        from.Value.Deconstruct(out var fromYear, out var fromMonth, out var fromDay);
        to.Deconstruct(out var toYear, out var toMonth, out var toDay);
        return (toYear - fromYear) * 12 + toMonth - fromMonth - (toDay < fromDay ? 1 : 0);
    }

    /// <summary>The pensioengerechtigde leeftijd in months per calendar year (AOW art. 7a); a year outside it is unknown.</summary>
    private static decimal? AowMonths(int year) => year switch
    {
        2014 => 782, 2015 => 783, 2016 => 786, 2017 => 789, 2018 => 792, >= 2019 and <= 2021 => 796, 2022 => 799, 2023 => 802,
        >= 2024 and <= 2027 => 804, >= 2028 and <= 2031 => 807, _ => null,
    };

    /// <summary>The events up to the peildatum, oldest first; equal dates in the order of the case (sorted only when
    /// the case lists them out of order).</summary>
    private static CaseEvent[] EventsUpTo(IReadOnlyList<CaseEvent> events, DateOnly asOf)
    {
        var count = 0;
        var ordered = true;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Date <= asOf) count++;
            if (i > 0 && events[i].Date < events[i - 1].Date) ordered = false;
        }

        var kept = new CaseEvent[count];
        for (int i = 0, k = 0; i < events.Count; i++)
            if (events[i].Date <= asOf) kept[k++] = events[i];
        return ordered ? kept : kept.OrderBy(e => e.Date).ToArray();
    }

    private static CaseEvent? Latest(CaseEvent[] events, EventType type)
    {
        for (var i = events.Length - 1; i >= 0; i--)
            if (events[i].Type == type) return events[i];
        return null;
    }

    /// <summary>The date of the latest positive determination: unknown when there is none, or when a later one's
    /// result is unknown (it might be the latest positive one).</summary>
    private static DateOnly? LatestPositiveDetermination(CaseEvent[] events)
    {
        for (var i = events.Length - 1; i >= 0; i--)
        {
            if (events[i].Type != EventType.Determined) continue;
            if (events[i].Result is null) return null;
            if (events[i].Result == AdviceResult.Positief) return events[i].Date;
        }

        return null;
    }

    /// <summary>Whether an event of this type lies in the given bounds (and has the given result): true if one surely
    /// does, unknown if none surely does but one might (an unknown bound or result), false otherwise.</summary>
    private static bool? Any(CaseEvent[] events, EventType type, Limit from = default, Limit to = default, Limit after = default, Limit before = default,
        AdviceResult? result = null)
    {
        bool? found = false;
        foreach (var e in events)
        {
            if (e.Type != type) continue;
            var d = e.Date;
            bool? match = result is null ? true : Is(e.Result, result.Value);
            if (from.Given) match = And(match, from.Date is { } f ? d >= f : null);
            if (to.Given) match = And(match, to.Date is { } t ? d <= t : null);
            if (after.Given) match = And(match, after.Date is { } x ? d > x : null);
            if (before.Given) match = And(match, before.Date is { } y ? d < y : null);
            found = Or(found, match);
            if (found == true) return true;
        }

        return found;
    }

    /// <summary>A bound on an event's date: not given (default), or a date that may be unknown.</summary>
    private readonly record struct Limit(bool Given, DateOnly? Date)
    {
        public static implicit operator Limit(DateOnly? date) => new(true, date);

        public static implicit operator Limit(DateOnly date) => new(true, date);
    }
}
