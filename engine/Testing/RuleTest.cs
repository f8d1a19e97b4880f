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

/// <summary>The rule tests of a folder: those read, and the files refused with their errors.</summary>
public sealed record RuleTestFolder(IReadOnlyList<RuleTest> Tests, IReadOnlyList<RefusedTestFile> Refused);

/// <summary>A rule-test file that could not be read: none of its tests runs, and it counts as failed.</summary>
public sealed record RefusedTestFile(string File, IReadOnlyList<Diagnostic> Errors);
