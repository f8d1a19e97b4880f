namespace EligibilityEngine.Facts;

/// <summary>
/// All facts about one person's situation (casus). Every fact may be unknown (null); an unknown fact is never
/// read as false or zero.
/// </summary>
public sealed record Case(
    string? CaseId,
    Person Person,
    Application Application,
    Municipality Municipality,
    IReadOnlyList<CaseEvent> Events)
{
    public static Case Empty { get; } = new(null, new Person(), new Application(), new Municipality(), []);
}

/// <summary>The person (betrokkene).</summary>
/// <param name="DateOfBirth">geboortedatum</param>
/// <param name="HasWorkCapacity">arbeidsvermogen: can perform work at all (BabW art. 3 lid 1).</param>
/// <param name="SupervisionNeed">begeleiding: supervision needed at work.</param>
/// <param name="AdaptationNeed">aanpassingen: technical or organisational adaptations of workplace or work needed.</param>
/// <param name="SupervisionBeyondEmployer">The supervision needed cannot be offered by an employer within reasonable limits
/// ("niet binnen redelijke grenzen door een werkgever kan worden aangeboden", BabW art. 3 lid 1 onder b).</param>
/// <param name="AdaptationsBeyondEmployer">The adaptations needed cannot be realised by an employer within reasonable
/// limits ("niet binnen redelijke grenzen door een werkgever kunnen worden gerealiseerd", BabW art. 3 lid 1 onder a).</param>
/// <param name="Benefit">uitkering</param>
/// <param name="RegisteredAsJobSeeker">Ingeschreven als werkzoekende: with no benefit, this makes a person a
/// niet-uitkeringsgerechtigde (Pw art. 6 onder a), and so part of the personenkring of art. 10b lid 1.</param>
/// <param name="WswIndication">Wsw-indicatie: the person holds an indication under the former Wsw (or a still valid
/// indicatiebeschikking). Not a benefit: a typical holder also has bijstand or Wajong.</param>
/// <param name="WswSupportedWorkPossible">For Wsw-indicatie holders: UWV judged the person able to do begeleid werken (BabW art. 3 lid 3 a, lid 4).</param>
/// <param name="WageValuePercent">loonwaarde in percent of the minimum wage: recorded, legally irrelevant to eligibility.</param>
/// <param name="CanFollowFundedEducation">Can follow education funded by the State ("uit 's Rijks kas bekostigd onderwijs
/// kunnen volgen"): until 2026 a person under 27 who can is not an art. 7 lid 1 onder a person (Pw art. 7 lid 3 onder a).</param>
/// <param name="CollegeJudgedEducationUnsuitable">The college judged that following such education is not possible or not
/// suitable for the person (Pw art. 7a lid 1 onder a, from 2026): the way in for a person under 27.</param>
/// <param name="ExemptFromUwvExclusion">Despite a UWV benefit the person stays a person of Pw art. 7 lid 1 onder a: the
/// exception ("tenzij") of art. 7 lid 3 onder c as worded on the date applies — in 2015 the doelgroep loonkostensubsidie
/// or a person of art. 7 lid 1 onder a 2°, in 2016 a person for whom loonkostensubsidie was granted (until two
/// consecutive years at the minimum wage without it). Read only before 2017, when art. 10b lid 1 named UWV recipients.</param>
public sealed record Person(
    DateOnly? DateOfBirth = null,
    bool? HasWorkCapacity = null,
    SupervisionLevel? SupervisionNeed = null,
    AdaptationLevel? AdaptationNeed = null,
    bool? SupervisionBeyondEmployer = null,
    bool? AdaptationsBeyondEmployer = null,
    BenefitType? Benefit = null,
    bool? RegisteredAsJobSeeker = null,
    bool? WswIndication = null,
    bool? WswSupportedWorkPossible = null,
    decimal? WageValuePercent = null,
    bool? CanFollowFundedEducation = null,
    bool? CollegeJudgedEducationUnsuitable = null,
    bool? ExemptFromUwvExclusion = null);

/// <summary>The application for an advice beschut werk (aanvraag).</summary>
/// <param name="Applicant">aanvrager: the municipality or the person.</param>
/// <param name="Date">datum van de aanvraag</param>
/// <param name="NewFactsStated">The applicant states new facts or changed circumstances (BabW art. 3 lid 5–6).</param>
public sealed record Application(
    Applicant? Applicant = null,
    DateOnly? Date = null,
    bool? NewFactsStated = null);

/// <summary>The municipality whose duty is judged (gemeente).</summary>
/// <param name="Code">CBS code, GMxxxx.</param>
/// <param name="Quota">The year's number of dienstbetrekkingen of the ministerial regulation, as the municipality states
/// it (art. 10b lid 4); taken before the rule set's table, which is partial.</param>
/// <param name="Employees">People already employed in beschut werk; null when not known.</param>
/// <param name="HigherNumberByOrdinance">The council set a higher number by verordening (art. 10b lid 5), which binds the
/// college (lid 6 "het vierde of het vijfde lid").</param>
/// <param name="OrdinanceNumber">That higher number of dienstbetrekkingen.</param>
public sealed record Municipality(
    string? Code = null,
    int? Quota = null,
    IReadOnlyList<Employee>? Employees = null,
    bool? HigherNumberByOrdinance = null,
    int? OrdinanceNumber = null);

/// <summary>One person already employed in beschut werk by the municipality (a dienstbetrekking).</summary>
public sealed record Employee(decimal? HoursPerWeek = null, EmployerKind? EmployerKind = null);

/// <summary>A dated event in the person's history (gebeurtenis). The date is always known.</summary>
public sealed record CaseEvent(
    EventType Type,
    DateOnly Date,
    AdviceResult? Result = null,
    decimal? HoursPerWeek = null,
    EmployerKind? EmployerKind = null,
    LeaveReason? Reason = null,
    string? Municipality = null);
