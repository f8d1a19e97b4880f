using System.Globalization;
using System.Text;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Quota;

/// <summary>What an imported annex wrote: the year file, its rows and their sum, whether it replaced a file, and the
/// rule set's national number for the year (which the letters give rounded, so it may differ from the sum).</summary>
public sealed record QuotaImportResult(string File, int Rows, int Sum, bool Replaced, int NationalNumber);

/// <summary>
/// Loads a year's complete annex of the Regeling vaststelling aantallen beschut werk (the number of dienstbetrekkingen
/// per municipality) from a CSV an operator prepared, checked before anything is written: every code a CBS
/// municipality code, no municipality twice, every number a whole number of at least 0, the year's rows only, and the
/// sum equal to that year's national number in the rule set — or, where the annex states its own total (its "Som",
/// e.g. 4,591 where the letters say 4,600), equal to that stated sum and within <see cref="RoundingTolerance"/> of the
/// rule set's rounded number, the difference reported. The year file it writes (<c>quota/&lt;year&gt;.yaml</c>,
/// status complete, with the annex's citation) is validated with the whole folder; on any error the folder is left
/// as it was. A running host picks the file up by its reload.
/// </summary>
public static class QuotaAnnex
{
    private static readonly string[] Columns = ["municipality_code", "municipality_name", "year", "number", "source"];

    /// <summary>The national numbers in the rule set come from the letters, rounded to the hundred ("4600"; the 2018
    /// annex says "voorlopig 4,591"): an annex's own stated total may differ from them by less than half of that.</summary>
    public const int RoundingTolerance = 49;

    /// <param name="statedSum">The total the annex itself states, when it states one; null to require the rule set's
    /// national number exactly.</param>
    public static QuotaImportResult Import(string csvPath, int year, string citation, string? url, string rulesDirectory, int? statedSum = null)
    {
        var library = RuleLibrary.Load(rulesDirectory);
        var national = NationalNumber(library, year);
        var rows = Read(csvPath, year, national, statedSum);
        var file = Path.Combine(rulesDirectory, "quota", $"{year}.yaml");
        var before = File.Exists(file) ? File.ReadAllText(file) : null;
        File.WriteAllText(file, YearFile(year, citation, url, rows, national));
        var (loaded, diagnostics) = RuleLibrary.TryLoad(rulesDirectory);
        if (loaded is null)
        {
            if (before is null) File.Delete(file);
            else File.WriteAllText(file, before);
            throw new InvalidInputException($"the imported table for {year} does not validate with the rule set; '{file}' is left as it was", diagnostics);
        }

        return new QuotaImportResult(file, rows.Count, rows.Sum(r => r.Number), before is not null, national);
    }

    /// <summary>The year's national number (param national_target) in the version in force on 1 January of that year.</summary>
    private static int NationalNumber(RuleLibrary library, int year)
    {
        var version = library.Select(new DateOnly(year, 1, 1)).Version;
        var table = version.Parameters.FirstOrDefault(p => p.Name == "national_target")?.Table;
        var row = table?.Rows().FirstOrDefault(r => r.Key[0] == year.ToString(CultureInfo.InvariantCulture));
        return row is { Key: not null } found
            ? (int)found.Value
            : throw new InvalidInputException(
                $"version {version.Version} has no national number for {year} (param national_target): add it, with its source, before loading the annex",
                []);
    }

    private sealed record Row(string Code, string? Name, int Number, CsvCell At);

    private static List<Row> Read(string path, int year, int national, int? statedSum)
    {
        var diagnostics = new DiagnosticBag();
        var cells = CsvText.Parse(File.ReadAllText(path));
        var rows = new List<Row>();
        if (cells.Count == 0) diagnostics.Add(new SourcePosition(path, 1, 1), "the file is empty: the first row must name the columns");
        else
        {
            var header = cells[0].Select(c => c.Text).ToList();
            foreach (var cell in cells[0].Where(c => !Columns.Contains(c.Text)))
                diagnostics.Add(Position(path, cell), $"unknown column '{cell.Text}' (allowed: {string.Join(", ", Columns)})");
            foreach (var required in new[] { "municipality_code", "number" }.Where(r => !header.Contains(r)))
                diagnostics.Add(new SourcePosition(path, 1, 1), $"the header must name the column '{required}'");
            if (!diagnostics.HasErrors)
                foreach (var row in cells.Skip(1))
                    if (ReadRow(path, header, row, year, diagnostics) is { } read) rows.Add(read);
        }

        var seen = new Dictionary<string, Row>();
        foreach (var row in rows)
            if (!seen.TryAdd(row.Code, row))
                diagnostics.Add(Position(path, row.At), $"{row.Code} appears twice: also on line {seen[row.Code].At.Line}");
        var sum = rows.Sum(r => r.Number);
        if (!diagnostics.HasErrors && statedSum is null && sum != national)
            diagnostics.Add(new SourcePosition(path, 1, 1),
                $"the numbers add up to {sum}, but the national number for {year} is {national}: an annex is complete only when they agree " +
                "(if the annex states its own total, give it with --stated-sum)");
        if (!diagnostics.HasErrors && statedSum is { } stated && sum != stated)
            diagnostics.Add(new SourcePosition(path, 1, 1), $"the numbers add up to {sum}, but the annex states a total of {stated}: a row is missing or wrong");
        if (!diagnostics.HasErrors && statedSum is { } total && Math.Abs(total - national) > RoundingTolerance)
            diagnostics.Add(new SourcePosition(path, 1, 1),
                $"the annex states a total of {total}, {total - national:+#;-#} from the national number {national} for {year}: more than rounding " +
                $"to the hundred ({RoundingTolerance}) explains; is it the annex of {year}?");
        if (diagnostics.HasErrors) throw new InvalidInputException($"the annex '{path}' is not loaded", diagnostics.Items);
        return rows.OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    private static Row? ReadRow(string path, List<string> header, List<CsvCell> row, int year, DiagnosticBag diagnostics)
    {
        if (row.Count != header.Count)
        {
            diagnostics.Add(Position(path, row[0]), $"this row has {row.Count} cells; the header names {header.Count} columns");
            return null;
        }

        CsvCell Cell(string column) => row[header.IndexOf(column)];
        var ok = true;
        var code = Cell("municipality_code");
        if (!FactText.IsMunicipalityCode(code.Text))
        {
            diagnostics.Add(Position(path, code), $"'{code.Text}' is not a CBS municipality code such as GM0014");
            ok = false;
        }

        var number = Cell("number");
        if (!int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            diagnostics.Add(Position(path, number), $"the number must be a whole number of at least 0, not '{number.Text}'");
            ok = false;
        }

        if (header.Contains("year") && Cell("year").Text != year.ToString(CultureInfo.InvariantCulture))
        {
            diagnostics.Add(Position(path, Cell("year")), $"this row is for year '{Cell("year").Text}', not {year}");
            ok = false;
        }

        var name = header.Contains("municipality_name") ? Cell("municipality_name").Text : null;
        return ok ? new Row(code.Text, string.IsNullOrEmpty(name) ? null : name, value, code) : null;
    }

    private static SourcePosition Position(string path, CsvCell cell) => new(path, cell.Line, cell.Column);

    private static string YearFile(int year, string citation, string? url, List<Row> rows, int national)
    {
        var b = new StringBuilder();
        var sum = rows.Sum(r => r.Number);
        b.AppendLine($"# Number of dienstbetrekkingen beschut werk each municipality must at least realise, ultimo {year}.");
        b.AppendLine(sum == national
            ? $"# COMPLETE: loaded with 'eligibility quota import'; {rows.Count} municipalities, summing to the national number."
            : $"# COMPLETE: loaded with 'eligibility quota import'; {rows.Count} municipalities, summing to {sum} as the annex states " +
              $"({sum - national:+#;-#} from the rounded national number {national}).");
        b.AppendLine($"year: {year}");
        b.AppendLine($"label: Regeling vaststelling aantallen beschut werk {year}");
        b.AppendLine($"citation: {Quote(citation)}");
        if (url is not null) b.AppendLine($"url: {Quote(url)}");
        b.AppendLine("status: complete");
        b.AppendLine("rows:");
        foreach (var row in rows)
            b.AppendLine($"  {row.Code}: {row.Number.ToString(CultureInfo.InvariantCulture)}" + (row.Name is null ? "" : $"   # {row.Name.Replace('\n', ' ')}"));
        return b.ToString();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
