using EligibilityEngine.Cases;
using EligibilityEngine.Facts;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// CBS municipality codes with their names, per year (reference/gemeenten/&lt;year&gt;.csv, see its README), so that the
/// form lets a municipality be chosen by name while the case holds the code. Read once, at the first page that asks.
/// </summary>
public sealed class Municipalities(IOptions<WebOptions> options)
{
    private readonly Lazy<SortedDictionary<int, IReadOnlyList<(string Code, string Name)>>> _years = new(() =>
    {
        var folder = RulesOptions.ResolveFolder(options.Value.MunicipalitiesDirectory);
        var years = new SortedDictionary<int, IReadOnlyList<(string, string)>>();
        if (!Directory.Exists(folder)) return years;
        foreach (var file in Directory.GetFiles(folder, "*.csv"))
            if (int.TryParse(Path.GetFileNameWithoutExtension(file), out var year)) years[year] = Read(file);
        return years;
    });

    /// <summary>The list of the latest year up to <paramref name="year"/> (before the first year: the first); empty
    /// when none is loaded.</summary>
    public IReadOnlyList<(string Code, string Name)> For(int year)
    {
        var years = _years.Value;
        if (years.Count == 0) return [];
        var at = years.Keys.LastOrDefault(y => y <= year, years.Keys.First());
        return years[at];
    }

    /// <summary>The code of a municipality named in full (case and spaces aside) in the year's list, or null.</summary>
    public string? CodeOf(string name, int year) =>
        For(year).Where(m => string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)).Select(m => m.Code).FirstOrDefault();

    /// <summary>The header every list starts with (reference/gemeenten/README.md).</summary>
    public const string Header = "municipality_code,municipality_name";

    /// <summary>One year's list; a file that is not a list as the README describes stops the page with its file, line
    /// and column: the header, then per row a CBS code (GM and four digits), listed once, and a name.</summary>
    private static IReadOnlyList<(string, string)> Read(string file)
    {
        var rows = CsvText.Parse(File.ReadAllText(file));
        Exception Refused(CsvCell at, string message) => new InvalidDataException($"{file}:{at.Line}:{at.Column}: {message}");
        if (rows.Count == 0 || string.Join(',', rows[0].Select(c => c.Text)) != Header)
            throw Refused(rows.Count == 0 ? new CsvCell("", 1, 1) : rows[0][0], $"the first line must be the header {Header}");
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<(string Code, string Name)>();
        foreach (var row in rows.Skip(1))
        {
            var code = row[0];
            if (row.Count != 2) throw Refused(code, $"a row has two cells, a CBS code and a name; this one has {row.Count}");
            if (!FactText.IsMunicipalityCode(code.Text)) throw Refused(code, $"'{code.Text}' is not a CBS municipality code (GM and four digits, e.g. GM0014)");
            if (lines.TryGetValue(code.Text, out var first)) throw Refused(code, $"{code.Text} is listed twice (first on line {first})");
            if (row[1].Text.Length == 0) throw Refused(row[1], $"{code.Text} has no name");
            lines[code.Text] = code.Line;
            list.Add((code.Text, row[1].Text));
        }

        return list.OrderBy(m => m.Name, StringComparer.InvariantCulture).ToList();
    }
}
