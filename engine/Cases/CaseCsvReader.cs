using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Cases;

/// <summary>
/// Reads a CSV file of cases, one row per case, as exported from a case-management system. Columns are named by the
/// fact's path in a case file (<c>person.benefit</c>, <c>application.date</c>); an empty cell is an unknown fact.
/// Each row is turned into the same nodes a YAML case file gives, so the facts are checked by the one
/// <see cref="CaseReader"/>, and every error names the row's line and the cell's column.
/// </summary>
public static class CaseCsvReader
{
    // Columns of an earlier case format: read, so that the case reader refuses them saying what to write instead.
    private static readonly string[] RetiredColumns = FactModel.CaseFields.Values
        .SelectMany(f => f.Retired.Select(r => r.Key).OfType<string>().Select(key => f.Path[..^f.Key.Length] + key)).ToArray();

    private static bool Known(string column) => Columns.Contains(column) || RetiredColumns.Contains(column);

    /// <summary>The columns a case CSV may have: the facts of <see cref="FactModel.CaseFields"/> and the two lists. List
    /// cells hold items separated by <c>;</c>, each written as <c>key=value</c> pairs separated by spaces.</summary>
    public static readonly string[] Columns = ["case_id", "as_of", .. FactModel.CaseFields.Keys, "municipality.employees", "events"];

    private const string NoEmployees = "none";

    public static IReadOnlyList<NamedCase> Read(string path)
    {
        var text = File.ReadAllText(path);
        var diagnostics = new DiagnosticBag();
        var rows = CsvText.Parse(text);
        var cases = new List<NamedCase>();
        if (rows.Count == 0)
            diagnostics.Add(new SourcePosition(path, 1, 1), "the file is empty: the first row must name the columns");
        else
        {
            var header = rows[0];
            foreach (var cell in header.Where(c => !Known(c.Text)))
            {
                var hint = Spelling.Closest(cell.Text, Columns) is { } s ? $"; did you mean '{s}'?" : $" (allowed: {string.Join(", ", Columns)})";
                diagnostics.Add(new SourcePosition(path, cell.Line, cell.Column), $"unknown column '{cell.Text}'{hint}");
            }

            // Rows are independent: read them in parallel, each with its own diagnostics, and report in file order.
            var read = new (NamedCase? Case, DiagnosticBag Errors)[rows.Count - 1];
            var paths = header.Select(h => Known(h.Text) ? ColumnPath.Of(h.Text) : null).ToArray();
            Parallel.For(1, rows.Count, r => read[r - 1] = ReadRow(path, paths, rows[r]));
            foreach (var (@case, errors) in read)
            {
                foreach (var d in errors.Items) diagnostics.Add(d.Position, d.Message);
                if (@case is not null) cases.Add(@case);
            }
        }

        if (diagnostics.HasErrors) throw new InvalidInputException($"the case file '{path}' is not valid", diagnostics.Items);
        return cases;
    }

    /// <param name="header">Where each column goes; null for a column that is not known (reported once, for the header).</param>
    private static (NamedCase?, DiagnosticBag) ReadRow(string path, ColumnPath?[] header, List<CsvCell> row)
    {
        var errors = new DiagnosticBag();
        if (row.Count != header.Length)
        {
            errors.Add(new SourcePosition(path, row[0].Line, 1), $"this row has {row.Count} cells; the header names {header.Length} columns");
            return (null, errors);
        }

        // CSV cells have no block scalars, so the context needs no text to locate positions inside them.
        var context = new YamlContext(path, "", errors);
        var node = new YamlMappingNode();
        var sections = new YamlMappingNode?[ColumnPath.SectionCount];
        for (var i = 0; i < header.Length; i++)
            if (row[i].Text.Length > 0 && header[i] is { } column) Put(node, sections, column, row[i], context);
        var map = new YamlMap(context.Place(node, row[0].Line, 1), context, null);
        var @case = CaseReader.ReadCase(map, errors);
        return (new NamedCase(@case.CaseId ?? $"regel {row[0].Line}", @case, map.Date("as_of", required: false)), errors);
    }

    /// <summary>Puts a cell under its path (<c>person.benefit</c> becomes person → benefit), creating the row's
    /// section mapping on first use.</summary>
    private static void Put(YamlMappingNode root, YamlMappingNode?[] sections, ColumnPath path, CsvCell cell, YamlContext context)
    {
        var parent = root;
        if (path.Section is { } section)
        {
            parent = sections[path.SectionIndex] ??= context.Place(new YamlMappingNode(), cell.Line, cell.Column);
            if (!root.Children.ContainsKey(path.SectionKey!)) root.Add(path.SectionKey!, parent);
        }

        YamlNode value = path.IsList ? Items(cell, context) : context.Place(new YamlScalarNode(cell.Text), cell.Line, cell.Column);
        parent.Add(context.Place(new YamlScalarNode(path.Key), cell.Line, cell.Column), value);
    }

    /// <summary>Where a column's cells go: an optional section (person, application, municipality) and a key.</summary>
    private sealed record ColumnPath(string? Section, int SectionIndex, string Key, bool IsList)
    {
        public YamlScalarNode? SectionKey { get; } = Section is null ? null : new YamlScalarNode(Section);

        public static int SectionCount => FactModel.Sections.Count;

        public static ColumnPath Of(string column)
        {
            var dot = column.IndexOf('.');
            return dot < 0
                ? new ColumnPath(null, -1, column, column == "events")
                : new ColumnPath(column[..dot], FactModel.Sections.ToList().IndexOf(column[..dot]), column[(dot + 1)..], column == "municipality.employees");
        }
    }

    /// <summary>`type=placed date=2015-11-01 hours_per_week=24; type=left ...` as a list of mappings, each value placed
    /// at its own column.</summary>
    private static YamlSequenceNode Items(CsvCell cell, YamlContext context)
    {
        var list = context.Place(new YamlSequenceNode(), cell.Line, cell.Column);
        if (cell.Text.Trim() == NoEmployees) return list;
        var offset = 0;
        foreach (var item in cell.Text.Split(';'))
        {
            var entry = context.Place(new YamlMappingNode(), cell.Line, cell.Column + offset);
            var at = offset;
            foreach (var pair in item.Split(' '))
            {
                if (pair.Length > 0)
                {
                    var equals = pair.IndexOf('=');
                    var key = equals < 0 ? pair : pair[..equals];
                    var value = equals < 0 ? "" : pair[(equals + 1)..];
                    entry.Add(context.Place(new YamlScalarNode(key), cell.Line, cell.Column + at),
                        context.Place(new YamlScalarNode(value), cell.Line, cell.Column + at + equals + 1));
                }

                at += pair.Length + 1;
            }

            if (entry.Children.Count > 0) list.Add(entry);
            offset += item.Length + 1;
        }

        return list;
    }
}
