using EligibilityEngine.Compilation;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.Review;

/// <summary>
/// On which peildatum each version judges a case: the case's own <c>as_of</c> under both (<c>case</c>), the day each
/// version takes effect (<c>effective</c>), or one date for every case.
/// </summary>
public sealed record ImpactDates(ImpactDates.Mode Kind, DateOnly? Date = null)
{
    public enum Mode { Case, Effective, Fixed }

    public static ImpactDates Parse(string text) => text switch
    {
        "case" => new(Mode.Case),
        "effective" => new(Mode.Effective),
        _ => Facts.FactText.Date(text, out _) is { } date ? new(Mode.Fixed, date)
            : throw new ArgumentException("the peildatum must be case, effective or a date written as YYYY-MM-DD from " +
                                          $"{Facts.FactLimits.FirstYear}-01-01 to {Facts.FactLimits.LastYear}-12-31, not {Facts.FactText.Echo(text)}"),
    };

    public string Describe(CompiledRuleSet from, CompiledRuleSet to) => Kind switch
    {
        Mode.Case => "de eigen peildatum (as_of) van elke casus, onder beide versies",
        Mode.Effective => $"de dag waarop elke versie ingaat: {EffectiveDate(from):yyyy-MM-dd} en {EffectiveDate(to):yyyy-MM-dd}",
        _ => $"{Date:yyyy-MM-dd} voor elke casus, onder beide versies",
    };

    /// <summary>The peildatum for one case under one version, or null when the case has none to give.</summary>
    public DateOnly? For(CompiledRuleSet version, DateOnly? caseAsOf) => Kind switch
    {
        Mode.Case => caseAsOf,
        Mode.Effective => EffectiveDate(version),
        _ => Date,
    };

    public void Check(CompiledRuleSet from, CompiledRuleSet to)
    {
        if (Kind == Mode.Effective)
        {
            EffectiveDate(from);
            EffectiveDate(to);
        }
    }

    private static DateOnly EffectiveDate(CompiledRuleSet version) => version.Version.EffectiveFrom
        ?? throw new EvaluationException($"version {version.Version.Version} has no effective date yet: give the peildatum as a date instead of 'effective'");
}
