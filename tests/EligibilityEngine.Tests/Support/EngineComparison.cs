using EligibilityEngine.Testing;
using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Cli.Rendering;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// Judges a case with two libraries (the same versions, different engines) and fails when the decisions differ in
/// anything but the engine's name and the order the rules fired in: outcomes, criteria, findings, missing facts, every
/// text, notices, the levensloop timeline, and every rule's result with the facts it read.
/// </summary>
public static class EngineComparison
{
    private static readonly EngineReference AnyEngine = new("-", "-", "-");

    public static void AssertSame(RuleLibrary reference, RuleLibrary candidate, GeneratedCase @case)
    {
        var expected = Judge(reference, @case);
        var actual = Judge(candidate, @case);
        if (expected == actual) return;

        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        throw new InvalidOperationException(
            $"{candidate.Engine.Reference} decides otherwise than {reference.Engine.Reference}; first difference at line {line + 1} of the decision:\n" +
            $"  {reference.Engine.Reference}: {(line < e.Length ? e[line].Trim() : "(end)")}\n  {candidate.Engine.Reference}: {(line < a.Length ? a[line].Trim() : "(end)")}");
    }

    /// <summary>The case as a case file, for the report of a shrunk counter-example.</summary>
    public static string Yaml(GeneratedCase @case) => "\n" + CaseYamlWriter.Write(@case.Case, @case.AsOf, @case.Version);

    private static string Judge(RuleLibrary library, GeneratedCase @case)
    {
        try
        {
            var decision = library.Evaluate(@case.Case, @case.AsOf, EvaluationOptions.WithTrace, @case.Version);
            // NRules fires the rules in an order of its own; what each rule concluded, and from what, must be the same.
            var trace = decision.Trace!.OrderBy(f => f.RuleId, StringComparer.Ordinal).Select(f => f with { Order = 0 }).ToList();
            return Json.Serialize(decision with { Engine = AnyEngine, Trace = trace });
        }
        catch (Exception ex) when (ex is EvaluationException or VersionNotFoundException)
        {
            return "refused: " + ex.Message;
        }
    }
}
