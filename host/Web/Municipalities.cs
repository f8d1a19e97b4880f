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

    private static IReadOnlyList<(string, string)> Read(string file)
    {
        var rows = CsvText.Parse(File.ReadAllText(file));
        var list = new List<(string Code, string Name)>();
        foreach (var row in rows.Skip(1))
        {
            var code = row[0];
            if (row.Count != 2 || !FactText.IsMunicipalityCode(code.Text) || list.Any(m => m.Code == code.Text))
                throw new InvalidOperationException($"{Path.GetFileName(file)}:{code.Line}:{code.Column}: each row is a CBS code (GM and four digits), listed once, and a name");
            list.Add((code.Text, row[1].Text));
        }

        return list.OrderBy(m => m.Name, StringComparer.InvariantCulture).ToList();
    }
}
