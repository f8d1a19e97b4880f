using EligibilityEngine.Cases;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Testing;

/// <summary>The generated cases the verifier tries before the solver (`--generated N --seed S`) are the same on every run
/// of a seed, so that a run can be repeated and its regions and witnesses come out the same.</summary>
public sealed class CaseGeneratorTests
{
    [Fact]
    public void The_same_seed_draws_the_same_cases_and_another_seed_other_ones()
    {
        static List<string> Draw(ulong seed) => CaseGenerator.Cases(RealRules.Library, 200, seed).Select(c => CaseYamlWriter.Write(c.Case, c.AsOf, c.Version)).ToList();

        var first = Draw(CaseGenerator.DefaultSeed);

        Draw(CaseGenerator.DefaultSeed).ShouldBe(first);
        first.Distinct().Count().ShouldBeGreaterThan(190);
        Draw(CaseGenerator.DefaultSeed + 1).Intersect(first).Count().ShouldBeLessThan(10);
    }
}
