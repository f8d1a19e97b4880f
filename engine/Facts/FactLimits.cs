namespace EligibilityEngine.Facts;

/// <summary>The plausible range of numeric facts; values outside are input errors, shared by every way a case comes in.</summary>
public static class FactLimits
{
    /// <summary>loonwaarde, in percent of the minimum wage.</summary>
    public const decimal MaxWageValuePercent = 100;

    /// <summary>Working hours in one week of one job.</summary>
    public const decimal MaxHoursPerWeek = 60;
}
