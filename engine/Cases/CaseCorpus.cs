using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Cases;

/// <summary>One case of a corpus: a name to find it by (file, case_id or row), its facts and its own peildatum.</summary>
public sealed record NamedCase(string Name, Case Case, DateOnly? AsOf);

/// <summary>
/// Reads many cases at once: a folder of case files, a YAML or JSON batch (a <c>cases:</c> list whose items are written
/// like case files), the cases of YAML rule-test files (rules/&lt;set&gt;/tests), or a CSV file (one row per case, see
/// docs/case-format.md). All errors of a file are reported together, each with file, line and column.
/// </summary>
public static class CaseCorpus
{
    public static IReadOnlyList<NamedCase> Load(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json")
                .OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => ReadFile(f, Path.GetRelativePath(path, f)))
                .ToList();
        }

        if (!File.Exists(path)) throw new FileNotFoundException($"no case file or folder '{path}'");
        return Path.GetExtension(path) == ".csv" ? CaseCsvReader.Read(path) : ReadFile(path, Path.GetFileName(path));
    }

    /// <summary>The corpus as an <see cref="ICaseSource"/>: a CSV file read row by row as its cases are taken, anything
    /// else read at once.</summary>
    public static ICaseSource Open(string path) =>
        File.Exists(path) && Path.GetExtension(path) == ".csv" ? CaseCsvReader.Open(path) : new ReadCases(Load(path));

    /// <summary>A case file, a batch, or a rule-test file (its tests' cases, each on its own peildatum).</summary>
    private static IReadOnlyList<NamedCase> ReadFile(string path, string name)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadMapping(File.ReadAllText(path), path, diagnostics);
        IReadOnlyList<NamedCase> cases = [];
        if (root is not null && root.Has("cases"))
        {
            root.AllowOnly("cases");
            cases = root.MapList("cases", required: true).Select((item, index) =>
            {
                item.AllowOnly("case_id", "description", "as_of", "person", "application", "municipality", "events");
                var @case = CaseReader.ReadCase(item, diagnostics);
                return new NamedCase(@case.CaseId ?? $"{name}: cases[{index}] (regel {item.Position.Line})", @case, item.Date("as_of", required: false));
            }).ToList();
        }
        else if (root is not null && root.Has("tests"))
        {
            cases = CaseReader.ReadRuleTestEntries(root, diagnostics)
                .Where(t => t.Case is not null && t.Name is not null)
                .Select(t => new NamedCase($"{name}: {t.Name}", t.Case! with { CaseId = t.Name }, t.AsOf))
                .ToList();
        }
        else if (root is not null)
        {
            var file = CaseReader.ReadCaseFile(root, diagnostics);
            cases = [new NamedCase(name, file.Case, file.AsOf)];
        }

        if (diagnostics.HasErrors) throw new InvalidInputException($"the case file '{path}' is not valid", diagnostics.Items);
        return cases;
    }
}
