using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Testing;

/// <summary>One YAML rule test: a case on a date, what the law says it should get, and the source that says so.</summary>
public sealed record RuleTest(
    string Name, string Source, DateOnly AsOf, string? Version, Case Case, ExpectedDecision Expected, SourcePosition Position);

/// <summary>The result of one rule test.</summary>
public sealed record RuleTestResult(RuleTest Test, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}
