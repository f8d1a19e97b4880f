using System.Reflection;
using EligibilityEngine.Cli;
using EligibilityEngine.Host.Services;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>docs/contract.md promises clients a catalogue of outcome values per version and of error reasons: both are
/// what the rules and the host have, so a client reading the document can rely on it.</summary>
public sealed class ContractPolicyTests
{
    private static string Document => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "contract.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_outcome_catalogue_lists_every_value_of_every_version_with_its_label()
    {
        const string begin = "<!-- outcome catalogue: begin -->\n", end = "<!-- outcome catalogue: end -->";
        var document = Document;
        var start = document.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var written = document[start..document.IndexOf(end, StringComparison.Ordinal)];

        var output = new StringWriter();
        CommandLine.Run(["outcomes", "--rules", RepositoryPaths.Rules], output, new StringWriter()).ShouldBe(0);
        written.ShouldBe(output.ToString(), "docs/contract.md's outcome catalogue is what `eligibility outcomes` prints");
    }

    [Fact]
    public void The_error_catalogue_names_every_field_violation_reason()
    {
        var reasons = typeof(ViolationReason).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        reasons.ShouldNotBeEmpty();
        foreach (var reason in reasons) Document.ShouldContain($"`{reason}`");
    }
}
