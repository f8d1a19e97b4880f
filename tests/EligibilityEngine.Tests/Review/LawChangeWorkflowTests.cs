using System.Text.RegularExpressions;
using EligibilityEngine.Cli;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Review;

/// <summary>docs/law-change-workflow.md quotes what `eligibility diff` and `impact` print: every quoted line is printed,
/// in that order, by the command it names (an abridged quote leaves lines out, it never changes one); the worked example
/// quotes its version file as it is.</summary>
public sealed partial class LawChangeWorkflowTests
{
    [GeneratedRegex(@"`eligibility ((?:diff|impact) [^`]+)`[^`]*?(?:prints|confirms)[^\n]*\n+```markdown\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuotedOutput();

    [GeneratedRegex(@"version `(rules/beschut-werk/[^`]+\.yaml)` encodes it:\n+```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuotedVersionFile();

    /// <summary>The worked example's YAML is the file itself, whole: a quote that left out a block (its value labels)
    /// would not pass `eligibility validate` for a reader who copies it.</summary>
    [Fact]
    public void The_worked_example_quotes_its_version_file_exactly()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "law-change-workflow.md"));
        var quote = QuotedVersionFile().Match(doc);
        quote.Success.ShouldBeTrue("the worked example quotes a version file");
        quote.Groups[2].Value.ShouldBe(File.ReadAllText(Path.Combine(RepositoryPaths.Root, quote.Groups[1].Value)));
    }

    [Fact]
    public void Every_quoted_review_is_what_the_command_prints()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "law-change-workflow.md"));
        var quotes = QuotedOutput().Matches(doc);
        quotes.Count.ShouldBe(2);
        foreach (Match quote in quotes)
        {
            var command = quote.Groups[1].Value;
            var output = new StringWriter();
            // Paths in the command are relative to the checkout, as the doc's reader runs them.
            var arguments = command.Split(' ').Select(a => Path.Exists(Path.Combine(RepositoryPaths.Root, a)) ? Path.Combine(RepositoryPaths.Root, a) : a);
            CommandLine.Run([.. arguments, "--rules", RepositoryPaths.Rules], output, new StringWriter()).ShouldBe(0, command);
            var printed = output.ToString().Split('\n');
            var at = 0;
            foreach (var line in quote.Groups[2].Value.Split('\n').Where(l => l.Length > 0))
            {
                while (at < printed.Length && printed[at] != line) at++;
                at.ShouldBeLessThan(printed.Length, $"`eligibility {command}` does not print, at this place: {line}");
                at++;
            }
        }
    }
}
