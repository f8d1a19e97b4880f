using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Cases;

/// <summary>One case of a corpus: a name to find it by (file, case_id or row), its facts and its own peildatum.</summary>
public sealed record NamedCase(string Name, Case Case, DateOnly? AsOf);

/// <summary>
/// Reads many cases at once: a folder of case files, a YAML or JSON batch (a <c>cases:</c> list whose items are written
/// like case files), or a CSV file (one row per case, see docs/case-format.md). All errors are reported together,
/// each with file, line and column.
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
                .Select(f => ReadCaseFile(f, Path.GetRelativePath(path, f)))
                .ToList();
        }

        if (!File.Exists(path)) throw new FileNotFoundException($"no case file or folder '{path}'");
        if (Path.GetExtension(path) == ".csv") return CaseCsvReader.Read(path);

        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadMapping(File.ReadAllText(path), path, diagnostics);
        if (root is not null && root.Has("cases"))
        {
            root.AllowOnly("cases");
            var cases = root.MapList("cases", required: true).Select((item, index) =>
            {
                item.AllowOnly("case_id", "description", "as_of", "person", "application", "municipality", "events");
                var @case = CaseReader.ReadCase(item, diagnostics);
                return new NamedCase(@case.CaseId ?? $"cases[{index}] (regel {item.Position.Line})", @case, item.Date("as_of", required: false));
            }).ToList();
            if (diagnostics.HasErrors) throw new InvalidInputException($"the case batch '{path}' is not valid", diagnostics.Items);
            return cases;
        }

        return [ReadCaseFile(path, Path.GetFileName(path))];
    }

    private static NamedCase ReadCaseFile(string path, string name)
    {
        var file = CaseReader.ReadFile(path);
        return new NamedCase(name, file.Case, file.AsOf);
    }
}
