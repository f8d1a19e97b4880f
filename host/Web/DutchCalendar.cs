namespace EligibilityEngine.Host.Web;

/// <summary>The date as people in the Netherlands see it: a host running in UTC would otherwise offer yesterday as
/// the peildatum between midnight and one or two o'clock.</summary>
public static class DutchCalendar
{
    private static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Netherlands).DateTime);
}
