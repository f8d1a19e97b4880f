namespace EligibilityEngine.Tests.Support;

/// <summary>
/// The test categories (xunit trait "Category") that the fast loop leaves out: tests that start a real host on
/// sockets, a browser, a database server or a solver, or that run thousands of generated cases. Everything without a
/// category runs in the fast loop (README, "Fast loop"); the README's test command runs everything.
/// </summary>
public static class Category
{
    public const string Name = "Category";

    /// <summary>Starts the host on real sockets, or a process of its own.</summary>
    public const string Process = "Process";

    /// <summary>Drives Debian's headless Chromium.</summary>
    public const string Browser = "Browser";

    /// <summary>Starts a PostgreSQL server.</summary>
    public const string Postgres = "Postgres";

    /// <summary>Generated or mutated input by the thousand.</summary>
    public const string Fuzz = "Fuzz";

    /// <summary>Long runs over a large generated corpus.</summary>
    public const string Slow = "Slow";

    /// <summary>Runs Debian's z3 as a process.</summary>
    public const string Solver = "Solver";
}
