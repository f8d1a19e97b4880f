using System.Text.RegularExpressions;
using EligibilityEngine.Cli;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Review;

/// <summary>docs/law-change-workflow.md quotes what `eligibility diff` and `impact` print: every quoted line is printed,
/// in that order, by the command it names (an abridged quote leaves lines out, it never changes one).</summary>
public sealed partial class LawChangeWorkflowTests
{
    [GeneratedRegex(@"`eligibility ((?:diff|impact) [^`]+)`[^`]*?(?:prints|confirms)[^\n]*\n+```markdown\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuotedOutput();

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
