namespace EligibilityEngine.Facts;

/// <summary>The plausible range of facts; values outside are input errors, shared by every way a case comes in (case
/// files, CSV, gRPC, JSON), so that one limit holds on every path.</summary>
public static class FactLimits
{
    /// <summary>loonwaarde, in percent of the minimum wage.</summary>
    public const decimal MaxWageValuePercent = 100;

    /// <summary>Working hours in one week of one job.</summary>
    public const decimal MaxHoursPerWeek = 60;

    /// <summary>A number of dienstbetrekkingen (the regulation's number, a verordening's number): the national total is
    /// in the tens of thousands.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Employees listed for one municipality, counted with their <c>count</c>.</summary>
    public const int MaxEmployees = 100_000;

    /// <summary>Events in one case's history. A life history has tens; the bound keeps the cost of one request (and of
    /// its levensloop, judged on every event date) within a second.</summary>
    public const int MaxEvents = 1_000;

    /// <summary>The error for a history longer than <see cref="MaxEvents"/>, or null.</summary>
    public static string? EventCountError(int count) =>
        count > MaxEvents ? $"has {count} events; a case holds at most {MaxEvents}" : null;

    /// <summary>The first year of a date a case may hold (a date of birth, an event, an application, a peildatum).
    /// Nobody in the law's reach was born earlier; the bound also keeps the rules' date arithmetic far inside the
    /// calendar (a .NET client's <c>default(DateTime)</c> is 0001-01-01, an unknown date, not a fact).</summary>
    public const int FirstYear = 1900;

    /// <summary>The last year of a date a case may hold: far beyond any planned version of the law.</summary>
    public const int LastYear = 2199;

    /// <summary>Characters of a rejected value repeated in an error message; the rest is counted, not echoed.</summary>
    public const int MaxEchoedCharacters = 40;
}
