using EligibilityEngine.Compilation;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.Tests.Support;

/// <summary>Writes rule files to a fresh temporary folder so a test can load exactly the rules it is about.</summary>
public sealed class TempRuleSet : IDisposable
{
    public TempRuleSet() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ee-tests-" + Guid.NewGuid().ToString("N"));

    public TempRuleSet With(string fileName, string yaml)
    {
        var full = System.IO.Path.Combine(Path, fileName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, yaml.ReplaceLineEndings("\n"));
        return this;
    }

    public RuleLibrary Load(CompileMode mode = CompileMode.Tiered) => RuleLibrary.Load(Path, mode);

    public IReadOnlyList<Diagnostic> Errors() => RuleLibrary.TryLoad(Path).Diagnostics;

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }

    /// <summary>A minimal valid version file with the given rules (indented as list items under `rules:`).</summary>
    public static string Version(string rules, string date = "2015-01-01", string extra = "", string header = "") => $"""
        rule_set: test
        version: {date}
        status: in_force
        effective_from: {date}
        title: Test
        summary: Test version
        {header}
        sources:
          - id: src
            citation: Testwet art. 1
        {extra}
        rules:
        {rules}
        """;

    /// <summary>An outcome `verdict` with the values ja and nee (undetermined: onbekend), for `extra` of <see cref="Version"/>.</summary>
    public const string VerdictOutcome = """
        outcomes:
          - id: verdict
            title: Oordeel
            values: [ja, nee]
            labels: { ja: ja, nee: nee, onbekend: onbekend }
            undetermined:
              value: onbekend
              explain: niet te zeggen
        """;

    /// <summary>One criterion rule named `c` whose condition is <paramref name="when"/>.</summary>
    public static string Criterion(string when, string id = "R1", string criterion = "c") => $"""
          - id: {id}
            source: src
            title: Criterion {criterion}
            when: "{when.Replace("\"", "\\\"")}"
            then: {"{"} criterion: {criterion} {"}"}
            explain:
              met: voldaan
              not_met: niet voldaan
              undetermined: onbekend

        """;
}
