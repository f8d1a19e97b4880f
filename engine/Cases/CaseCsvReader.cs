using EligibilityEngine.Diagnostics;
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
    /// <summary>The columns a case CSV may have. List cells hold items separated by <c>;</c>, each written as
    /// <c>key=value</c> pairs separated by spaces.</summary>
    public static readonly string[] Columns =
    [
        "case_id", "as_of",
        "person.date_of_birth", "person.has_work_capacity", "person.supervision_need", "person.adaptation_need",
        "person.can_work_at_regular_employer", "person.benefit", "person.wsw_supported_work_possible", "person.wage_value_percent",
        "application.applicant", "application.date", "application.new_facts_stated",
        "municipality.code", "municipality.quota", "municipality.employees", "events",
    ];

    private const string NoEmployees = "none";

    public static IReadOnlyList<NamedCase> Read(string path)
    {
        var text = File.ReadAllText(path);
        var diagnostics = new DiagnosticBag();
        var context = new YamlContext(path, text, diagnostics);
        var rows = Parse(text);
        var cases = new List<NamedCase>();
        if (rows.Count == 0)
            diagnostics.Add(new SourcePosition(path, 1, 1), "the file is empty: the first row must name the columns");
        else
        {
            var header = rows[0];
            foreach (var cell in header.Where(c => !Columns.Contains(c.Text)))
            {
                var hint = Spelling.Closest(cell.Text, Columns) is { } s ? $"; did you mean '{s}'?" : $" (allowed: {string.Join(", ", Columns)})";
                diagnostics.Add(new SourcePosition(path, cell.Line, cell.Column), $"unknown column '{cell.Text}'{hint}");
            }

            foreach (var row in rows.Skip(1))
            {
                if (row.Count != header.Count)
                {
                    diagnostics.Add(new SourcePosition(path, row[0].Line, 1), $"this row has {row.Count} cells; the header names {header.Count} columns");
                    continue;
                }

                var node = new YamlMappingNode();
                for (var i = 0; i < header.Count; i++)
                    if (row[i].Text.Length > 0 && Columns.Contains(header[i].Text)) Put(node, header[i].Text, row[i], context);
                var map = new YamlMap(context.Place(node, row[0].Line, 1), context, null);
                var @case = CaseReader.ReadCase(map, diagnostics);
                cases.Add(new NamedCase(@case.CaseId ?? $"regel {row[0].Line}", @case, map.Date("as_of", required: false)));
            }
        }

        if (diagnostics.HasErrors) throw new InvalidInputException($"the case file '{path}' is not valid", diagnostics.Items);
        return cases;
    }

    /// <summary>Puts a cell under its path: <c>person.benefit</c> becomes person → benefit.</summary>
    private static void Put(YamlMappingNode root, string column, Cell cell, YamlContext context)
    {
        var parts = column.Split('.');
        var parent = root;
        foreach (var section in parts[..^1])
        {
            if (!parent.Children.TryGetValue(new YamlScalarNode(section), out var child))
                parent.Add(section, child = context.Place(new YamlMappingNode(), cell.Line, cell.Column));
            parent = (YamlMappingNode)child;
        }

        YamlNode value = column is "events" or "municipality.employees" ? Items(cell, context) : context.Place(new YamlScalarNode(cell.Text), cell.Line, cell.Column);
        parent.Add(context.Place(new YamlScalarNode(parts[^1]), cell.Line, cell.Column), value);
    }

    /// <summary>`type=placed date=2015-11-01 hours_per_week=24; type=left ...` as a list of mappings, each value placed
    /// at its own column.</summary>
    private static YamlSequenceNode Items(Cell cell, YamlContext context)
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

    private readonly record struct Cell(string Text, int Line, int Column);

    /// <summary>RFC 4180: commas between cells, double quotes around a cell that holds commas, quotes or line breaks.</summary>
    private static List<List<Cell>> Parse(string text)
    {
        var rows = new List<List<Cell>>();
        var row = new List<Cell>();
        var cell = new System.Text.StringBuilder();
        int line = 1, column = 1, cellLine = 1, cellColumn = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; column++; }
                else if (c == '"') quoted = false;
                else
                {
                    cell.Append(c);
                    if (c == '\n') { line++; column = 0; }
                }
            }
            else if (c == '"' && cell.Length == 0) { quoted = true; cellColumn = column + 1; }
            else if (c == ',') { row.Add(new Cell(cell.ToString().Trim(), cellLine, cellColumn)); cell.Clear(); cellLine = line; cellColumn = column + 1; }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(new Cell(cell.ToString().Trim(), cellLine, cellColumn));
                cell.Clear();
                if (row.Count > 1 || row[0].Text.Length > 0) rows.Add(row);
                row = [];
                line++;
                column = 0;
                cellLine = line;
                cellColumn = 1;
            }
            else cell.Append(c);

            column++;
        }

        row.Add(new Cell(cell.ToString().Trim(), cellLine, cellColumn));
        if (row.Count > 1 || row[0].Text.Length > 0) rows.Add(row);
        return rows;
    }
}
