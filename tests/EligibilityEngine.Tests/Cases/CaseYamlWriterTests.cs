using CsCheck;
using EligibilityEngine.Testing;
using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Cases;

/// <summary>A case written as a case file reads back as the same facts, peildatum and version.</summary>
public sealed class CaseYamlWriterTests
{
    [Fact]
    [Trait(Category.Name, Category.Fuzz)]
    public void A_written_case_reads_back_as_the_same_case()
    {
        var folder = Directory.CreateTempSubdirectory("ee-case-writer-");
        try
        {
            Check.Sample(CaseGenerator.For(RealRules.Library), generated =>
            {
                var path = Path.Combine(folder.FullName, $"{Guid.NewGuid():N}.yaml");
                File.WriteAllText(path, CaseYamlWriter.Write(generated.Case with { CaseId = "casus 'x'" }, generated.AsOf, generated.Version));
                var read = CaseReader.ReadFile(path);
                (read.AsOf, read.Version).ShouldBe((generated.AsOf, generated.Version));
                Same(read.Case, generated.Case with { CaseId = "casus 'x'" }).ShouldBeTrue(CaseYamlWriter.Write(read.Case));
            }, iter: 2_000, print: EngineComparison.Yaml);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Records compare lists by reference; compare the employee and event lists by their items.
    private static bool Same(Case a, Case b) =>
        a with { Events = [], Municipality = a.Municipality with { Employees = null } } == b with { Events = [], Municipality = b.Municipality with { Employees = null } }
        && a.Events.SequenceEqual(b.Events)
        && (a.Municipality.Employees is null) == (b.Municipality.Employees is null)
        && (a.Municipality.Employees ?? []).SequenceEqual(b.Municipality.Employees ?? []);
}
