using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Testing;

/// <summary>Reads YAML rule tests (rules/&lt;set&gt;/tests/*.yaml) and runs them against a rule library.</summary>
public static class RuleTestRunner
{
    public static IReadOnlyList<RuleTest> Load(string directory)
    {
        var diagnostics = new DiagnosticBag();
        var tests = new List<RuleTest>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            var root = YamlDocumentLoader.LoadMapping(File.ReadAllText(file), file, diagnostics);
            if (root is null) continue;
            root.AllowOnly("fixtures", "tests"); // fixtures only hold YAML anchors that tests refer to
            foreach (var entry in root.MapList("tests", required: true))
            {
                entry.AllowOnly("name", "source", "as_of", "version", "case", "expect");
                var name = entry.String("name", required: true);
                var source = entry.String("source", required: true);
                var asOf = entry.Date("as_of", required: true);
                var version = entry.String("version", required: false);
                var caseMap = entry.Map("case", required: true);
                caseMap?.AllowOnly("person", "application", "municipality", "events");
                var @case = caseMap is null ? null : CaseReader.ReadCase(caseMap, diagnostics);
                var expect = entry.Map("expect", required: true);
                var expected = expect is null ? null : CaseReader.ReadExpected(expect);
                if (name is null || source is null || asOf is null || @case is null || expected is null) continue;
                tests.Add(new RuleTest(name, source, asOf.Value, version, @case with { CaseId = name }, expected, entry.Position));
            }
        }

        var duplicates = tests.GroupBy(t => t.Name).Where(g => g.Count() > 1);
        foreach (var group in duplicates) diagnostics.Add(group.Last().Position, $"test name '{group.Key}' is used more than once");
        if (diagnostics.HasErrors) throw new InvalidInputException($"the rule tests in '{directory}' are not valid", diagnostics.Items);
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
