using EligibilityEngine.Decisions;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.RuleSets;

/// <summary>The YAML rule tests in rules/beschut-werk/tests, each one an xunit case, and their coverage of the rules.</summary>
public sealed class RuleYamlTests
{
    private static readonly Lazy<IReadOnlyList<RuleTest>> Tests = new(() => RuleTestRunner.Load(RepositoryPaths.RuleTests));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var test in Tests.Value) data.Add(test.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Rule_test_passes(string name)
    {
        var result = RuleTestRunner.Run(RealRules.Library, Tests.Value.Single(t => t.Name == name));
        result.Failures.ShouldBeEmpty($"{name} ({result.Test.Source}) at {result.Test.Position}");
    }

    [Fact]
    public void There_are_at_least_sixty_rule_tests_and_each_names_its_source()
    {
        Tests.Value.Count.ShouldBeGreaterThanOrEqualTo(60);
        Tests.Value.ShouldAllBe(t => t.Source.Length > 10);
    }

    [Fact]
    public void Every_rule_of_every_version_fires_in_at_least_one_rule_test()
    {
        var library = RealRules.Library;
        var fired = new HashSet<(string Version, string Rule)>();
        foreach (var test in Tests.Value)
        {
            var decision = library.Evaluate(test.Case, test.AsOf, EvaluationOptions.WithTrace, test.Version);
            foreach (var firing in decision.Trace!.Where(f => f.Result == Truth.True))
                fired.Add((decision.RuleSet.Version, firing.RuleId));
        }

        // A rule a version inherits unchanged counts as covered when the same rule fired under any version.
        var firedAnywhere = fired.Select(f => RuleIdentity(library, f.Version, f.Rule)).ToHashSet();
        var notFired = library.Versions
            .SelectMany(v => v.Rules.Select(r => (v.Version.Version, r.Definition.Id)))
            .Where(r => !firedAnywhere.Contains(RuleIdentity(library, r.Item1, r.Id)))
            .Select(r => $"{r.Item1}/{r.Id}")
            .ToList();
        notFired.ShouldBeEmpty();
    }

    private static (string Rule, RuleDefinition Definition) RuleIdentity(RuleLibrary library, string version, string rule) =>
        (rule, library.Versions.Single(v => v.Version.Version == version).Rules.Single(r => r.Definition.Id == rule).Definition);

    [Fact]
    public void Every_version_boundary_is_tested_on_the_day_before_and_the_day_itself()
    {
        foreach (var version in RealRules.Library.InForce.Skip(1))
        {
            var from = version.Version.EffectiveFrom!.Value;
            Tests.Value.ShouldContain(t => t.AsOf == from && t.Version == null, $"no rule test on {from:yyyy-MM-dd}");
            Tests.Value.ShouldContain(t => t.AsOf == from.AddDays(-1) && t.Version == null, $"no rule test on {from.AddDays(-1):yyyy-MM-dd}");
        }
    }
}
