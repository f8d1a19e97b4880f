namespace EligibilityEngine.Facts;

/// <summary>How much supervision a person needs at work (begeleiding).</summary>
public enum SupervisionLevel
{
    /// <summary>geen begeleiding</summary>
    None,
    /// <summary>lichte begeleiding, such as a job coach now and then</summary>
    Light,
    /// <summary>regelmatige begeleiding</summary>
    Regular,
    /// <summary>intensieve begeleiding (BabW art. 3 lid 1 b)</summary>
    Intensive,
    /// <summary>permanent toezicht (BabW art. 3 lid 1 b)</summary>
    Permanent,
}

/// <summary>How far the workplace or the work must be adapted (aanpassingen, BabW art. 3 lid 1 a). Whether an employer
/// can realise them within reasonable limits is a fact of its own (<see cref="Person.AdaptationsBeyondEmployer"/>).</summary>
public enum AdaptationLevel
{
    /// <summary>geen aanpassingen</summary>
    None,
    /// <summary>beperkte aanpassingen</summary>
    Limited,
    /// <summary>ingrijpende technische of organisatorische aanpassingen</summary>
    Extensive,
}

/// <summary>The benefit a person receives (uitkering), which decides the route to an advice.</summary>
public enum BenefitType
{
    /// <summary>bijstand onder de Participatiewet</summary>
    Participatiewet,
    /// <summary>geen uitkering; a niet-uitkeringsgerechtigde (NUG) when also registered as a job seeker</summary>
    None,
    /// <summary>Wajong</summary>
    Wajong,
    /// <summary>WIA</summary>
    Wia,
    /// <summary>another UWV benefit of those art. 10b lid 1 names from 2018 (WW, IOW, WAZ, WAO, ZW, WAMIL)</summary>
    OtherUwv,
}

/// <summary>Who asked for the advice beschut werk, and of whom (aanvrager).</summary>
public enum Applicant
{
    /// <summary>het college van B&amp;W (the municipality)</summary>
    Municipality,
    /// <summary>de persoon zelf, bij UWV (art. 10b lid 3; possible since 1 January 2017)</summary>
    Person,
    /// <summary>de persoon, bij het college: a request for a determination, "op verzoek" (art. 10b lid 1, from 2017); the
    /// college then asks UWV (lid 2), so the twelve-month rule of BabW art. 3 lid 3 onder b does not apply</summary>
    PersonToCollege,
}

/// <summary>The result of an advice beschut werk (advies beschut werk).</summary>
public enum AdviceResult
{
    /// <summary>positief advies</summary>
    Positief,
    /// <summary>negatief advies</summary>
    Negatief,
}

/// <summary>The kind of employer a person works for.</summary>
public enum EmployerKind
{
    /// <summary>sociaal ontwikkelbedrijf / SW-bedrijf</summary>
    SwCompany,
    /// <summary>de gemeente zelf</summary>
    Municipality,
    /// <summary>een reguliere werkgever</summary>
    RegularEmployer,
}

/// <summary>Why a job ended (reden van uitstroom).</summary>
public enum LeaveReason
{
    /// <summary>ziekte</summary>
    Illness,
    /// <summary>verhuizing</summary>
    Moved,
    /// <summary>ontslag</summary>
    Dismissed,
    /// <summary>doorstroom naar ander werk (banenafspraak or regular work)</summary>
    OtherWork,
    /// <summary>het werk bleek niet vol te houden</summary>
    NotSustainable,
    /// <summary>einde contract</summary>
    ContractEnded,
    /// <summary>andere reden</summary>
    Other,
}

/// <summary>What happened on a date in a person's history (gebeurtenis).</summary>
public enum EventType
{
    /// <summary>UWV gaf een advies beschut werk (positief of negatief)</summary>
    AdviceIssued,
    /// <summary>geplaatst in beschut werk (dienstbetrekking begonnen)</summary>
    Placed,
    /// <summary>beschut werk beëindigd</summary>
    Left,
    /// <summary>indicatie banenafspraak aangevraagd</summary>
    BanenafspraakIndicationApplied,
    /// <summary>indicatie banenafspraak toegekend</summary>
    BanenafspraakIndicationGranted,
    /// <summary>baan in het kader van de banenafspraak begonnen</summary>
    BanenafspraakJobStarted,
    /// <summary>baan in het kader van de banenafspraak beëindigd</summary>
    BanenafspraakJobEnded,
    /// <summary>arbeidsvermogen verloren</summary>
    WorkCapacityLost,
    /// <summary>verhuisd naar een andere gemeente</summary>
    Moved,
    /// <summary>vastgesteld door het college (a besluit, Pw art. 10b lid 1): result positief = belongs to the target group
    /// beschut werk, negatief = does not. UWV advises; the college determines.</summary>
    Determined,
    /// <summary>ingetrokken door het college: the college revoked its determination (a besluit of its own). Until then a
    /// determination stands, whatever happens.</summary>
    Revoked,
}
