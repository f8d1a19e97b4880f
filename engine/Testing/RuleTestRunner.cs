using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Testing;

/// <summary>Reads YAML rule tests (rules/&lt;set&gt;/tests/*.yaml) and runs them against a rule library.</summary>
public static class RuleTestRunner
{
    /// <summary>Reads every rule test of a folder, and throws with every error when any file cannot be read.</summary>
    public static IReadOnlyList<RuleTest> Load(string directory)
    {
        var folder = LoadEach(directory);
        if (folder.Refused.Count > 0)
            throw new InvalidInputException($"the rule tests in '{directory}' are not valid", folder.Refused.SelectMany(r => r.Errors).ToList());
        return folder.Tests;
    }

    /// <summary>Reads every rule test of a folder file by file: a file with an error is refused whole, with its errors,
    /// and the other files' tests still run (a test saved from a web page must not stop a legal team's whole suite).</summary>
    public static RuleTestFolder LoadEach(string directory)
    {
        var tests = new List<RuleTest>();
        var refused = new List<RefusedTestFile>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            var diagnostics = new DiagnosticBag();
            var fileTests = Read(file, diagnostics);
            foreach (var test in fileTests.Where(t => tests.Any(other => other.Name == t.Name)))
                diagnostics.Add(test.Position, $"test name '{test.Name}' is used more than once");
            if (diagnostics.HasErrors) refused.Add(new RefusedTestFile(file, diagnostics.Items));
            else tests.AddRange(fileTests);
        }

        return new RuleTestFolder(tests, refused);
    }

    private static List<RuleTest> Read(string file, DiagnosticBag diagnostics)
    {
        var tests = new List<RuleTest>();
        var root = YamlDocumentLoader.LoadMapping(File.ReadAllText(file), file, diagnostics);
        if (root is null) return tests;
        foreach (var (entry, name, asOf, @case) in CaseReader.ReadRuleTestEntries(root, diagnostics))
        {
            var source = entry.String("source", required: true);
            var version = entry.String("version", required: false);
            var expect = entry.Map("expect", required: true);
            var expected = expect is null ? null : CaseReader.ReadExpected(expect);
            if (name is null || source is null || asOf is null || @case is null || expected is null) continue;
            if (tests.Any(t => t.Name == name)) diagnostics.Add(entry.Position, $"test name '{name}' is used more than once");
            tests.Add(new RuleTest(name, source, asOf.Value, version, @case with { CaseId = name }, expected, entry.Position));
        }

        return tests;
    }

    public static RuleTestResult Run(RuleLibrary library, RuleTest test)
    {
        try
        {
            var decision = library.Evaluate(test.Case, test.AsOf, EvaluationOptions.Default, test.Version);
            return new RuleTestResult(test, ExpectationCheck.Differences(decision, test.Expected));
        }
        catch (Exception ex) when (ex is EvaluationException or VersionNotFoundException)
        {
            return new RuleTestResult(test, [ex.Message]);
        }
    }
}
