using System.Text.RegularExpressions;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Architecture;

/// <summary>
/// The engine's namespaces form layers: each folder may use only the folders below it, so a change low down (a fact,
/// the condition language) never has to reckon with what sits above it, and no new cycle can creep in unnoticed.
/// Read from the source: the <c>using EligibilityEngine.…</c> lines, fully qualified names, and — because every
/// sub-namespace sees the root namespace without a using — references to the façade's types.
/// </summary>
public sealed partial class EngineLayeringTests
{
    /// <summary>Bottom to top. A folder may use the folders of earlier layers only; folders of one layer are
    /// independent of each other.</summary>
    private static readonly string[][] Layers =
    [
        ["Diagnostics"],
        ["Yaml"],
        ["Facts"],
        ["Conditions", "Cases"],
        ["RuleSets"],
        ["Decisions"],
        ["Text"],
        ["Runtime"],
        ["Compilation"],
        ["Evaluation"],
        ["NRules"],
        [Root],
        ["Quota", "Review", "Testing"],
        ["Verification"],
    ];

    private const string Root = "(root)";

    private static string EngineDirectory => Path.Combine(RepositoryPaths.Root, "engine");

    [Fact]
    public void Every_engine_folder_uses_only_the_layers_below_it()
    {
        var rank = Layers.SelectMany((layer, index) => layer.Select(folder => (folder, index))).ToDictionary(x => x.folder, x => x.index);
        var violations = new List<string>();
        foreach (var (file, folder, uses) in EngineFiles())
        {
            rank.ShouldContainKey(folder, $"{file}: folder '{folder}' is in no layer; add it to {nameof(Layers)}");
            foreach (var used in uses.Where(u => u != folder))
            {
                if (!rank.TryGetValue(used, out var usedRank)) violations.Add($"{file}: uses '{used}', which is in no layer");
                else if (usedRank >= rank[folder]) violations.Add($"{file}: {folder} uses {used}");
            }
        }

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Every_engine_file_lives_in_the_folder_its_namespace_names()
    {
        var misplaced = EngineFiles().Select(f => f.File)
            .Select(file => (file, declared: NamespacePattern().Match(File.ReadAllText(Path.Combine(EngineDirectory, file))).Groups[1].Value))
            .Where(x => x.declared != ExpectedNamespace(x.file))
            .Select(x => $"{x.file}: namespace {x.declared}, folder wants {ExpectedNamespace(x.file)}")
            .ToList();
        misplaced.ShouldBeEmpty();
    }

    [Fact]
    public void The_layering_check_sees_a_use_of_a_higher_layer()
    {
        // The reader itself: a condition-language file that reached up to the façade or the runtime must be caught.
        Uses("Conditions", "using EligibilityEngine.Runtime;\nnamespace EligibilityEngine.Conditions;").ShouldContain("Runtime");
        Uses("Conditions", "namespace EligibilityEngine.Conditions;\nclass X { RuleLibrary? l; }").ShouldContain(Root);
        Uses("Conditions", "namespace EligibilityEngine.Conditions;\nclass X { object o = EligibilityEngine.Evaluation.CompiledEngine.Instance; }").ShouldContain("Evaluation");
        Uses("RuleSets", "namespace EligibilityEngine.RuleSets;\n/// <see cref=\"RuleLibrary\"/>\nclass X { bool Timeline { get; } void F(Y o) { _ = o.Timeline; } }").ShouldBeEmpty();
    }

    /// <summary>The law is judged on the peildatum given, never on the machine's clock: the engine does not read it.</summary>
    [Fact]
    public void The_engine_never_reads_the_clock()
    {
        var reads = EngineFiles()
            .Select(f => (f.File, code: WithoutComments(File.ReadAllText(Path.Combine(EngineDirectory, f.File)))))
            .Where(f => ClockPattern().IsMatch(f.code))
            .Select(f => $"{f.File}: {ClockPattern().Match(f.code).Value}")
            .ToList();
        reads.ShouldBeEmpty();
    }

    private static IEnumerable<(string File, string Folder, IReadOnlySet<string> Uses)> EngineFiles() =>
        Directory.EnumerateFiles(EngineDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(EngineDirectory, path).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
            .Select(file =>
            {
                var folder = FolderOf(file);
                return (file, folder, Uses(folder, File.ReadAllText(Path.Combine(EngineDirectory, file))));
            });

    private static string FolderOf(string file) => file.Contains('/') ? file[..file.IndexOf('/')] : Root;

    private static string ExpectedNamespace(string file) => FolderOf(file) == Root ? "EligibilityEngine" : "EligibilityEngine." + FolderOf(file);

    private static IReadOnlySet<string> Uses(string folder, string source)
    {
        var code = WithoutComments(source);
        var uses = new HashSet<string>(QualifiedPattern().Matches(code).Select(m => m.Groups[1].Value));
        if (folder != Root && RootTypes.Any(t => Regex.IsMatch(code, $@"(?<![.\w]){t}(?=\s*[.<(\[?]|\s+\w)"))) uses.Add(Root);
        uses.Remove(folder);
        return uses;
    }

    /// <summary>The façade's types, seen by every sub-namespace without a using.</summary>
    private static readonly string[] RootTypes = typeof(RuleLibrary).Assembly.GetTypes()
        .Where(t => t.Namespace == "EligibilityEngine" && !t.IsNested && !t.Name.StartsWith('<'))
        .Select(t => t.Name.Split('`')[0]).Distinct().ToArray();

    private static string WithoutComments(string source) => CommentPattern().Replace(source, "");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\bEligibilityEngine\.(\w+)")]
    private static partial Regex QualifiedPattern();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"\b(DateTime(Offset)?\.(Now|UtcNow|Today)|TimeProvider\.System|Environment\.TickCount)\b")]
    private static partial Regex ClockPattern();
}
