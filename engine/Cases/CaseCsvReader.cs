using System.Collections.Concurrent;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Cases;

/// <summary>
/// Reads a CSV file of cases, one row per case, as exported from a case-management system. Columns are named by the
/// fact's path in a case file (<c>person.benefit</c>, <c>application.date</c>); an empty cell is an unknown fact.
/// Each row is read as the case file it stands for (its cells as the facts, list cells as lists) and checked by the one
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

    /// <summary>Every case of the file; all its errors together when it has any.</summary>
    public static IReadOnlyList<NamedCase> Read(string path)
    {
        var source = Open(path);
        var cases = source.Cases.AsParallel().AsOrdered().Select(read => read()).OfType<NamedCase>().ToList();
        source.ThrowIfInvalid();
        return cases;
    }

    /// <summary>The file's cases, read row by row as they are taken (<see cref="ICaseSource"/>).</summary>
    public static ICaseSource Open(string path) => new CsvCases(path);

    private sealed class CsvCases(string path) : ICaseSource
    {
        private readonly DiagnosticBag _headerErrors = new();
        private readonly ConcurrentBag<(int Row, DiagnosticBag Errors)> _rowErrors = [];

        public IEnumerable<Func<NamedCase?>> Cases
        {
            get
            {
                using var reader = new StreamReader(path);
                using var rows = CsvText.Rows(reader).GetEnumerator();
                if (!rows.MoveNext())
                {
                    _headerErrors.Add(new SourcePosition(path, 1, 1), "the file is empty: the first row must name the columns");
                    yield break;
                }

                var header = rows.Current;
                foreach (var cell in header.Where(c => !Known(c.Text)))
                {
                    var hint = Spelling.Closest(cell.Text, Columns) is { } s ? $"; did you mean '{s}'?" : $" (allowed: {string.Join(", ", Columns)})";
                    _headerErrors.Add(new SourcePosition(path, cell.Line, cell.Column), $"unknown column '{cell.Text}'{hint}");
                }

                // A column named again is reported once, here, and its cells are not read.
                var named = new HashSet<string>();
                var columns = new ColumnPath?[header.Count];
                for (var i = 0; i < header.Count; i++)
                {
                    if (!Known(header[i].Text)) continue;
                    if (named.Add(header[i].Text)) columns[i] = ColumnPath.Of(header[i].Text);
                    else _headerErrors.Add(new SourcePosition(path, header[i].Line, header[i].Column), $"the column '{header[i].Text}' is named twice");
                }

                for (var index = 0; rows.MoveNext(); index++)
                {
                    var (row, at) = (rows.Current, index);
                    yield return () => ReadRow(at, columns, row);
                }
            }
        }

        /// <summary>All errors of the file, in file order, once every case has been taken.</summary>
        public void ThrowIfInvalid()
        {
            var diagnostics = new DiagnosticBag();
            foreach (var d in _headerErrors.Items) diagnostics.Add(d.Position, d.Message);
            foreach (var (_, errors) in _rowErrors.OrderBy(e => e.Row))
                foreach (var d in errors.Items) diagnostics.Add(d.Position, d.Message);
            if (diagnostics.HasErrors) throw new InvalidInputException($"the case file '{path}' is not valid", diagnostics.Items);
        }

        /// <summary>A row's case; null when it has errors (kept for <see cref="ThrowIfInvalid"/>).</summary>
        /// <param name="columns">Where each column goes; null for a column that is not known (reported once, for the header).</param>
        private NamedCase? ReadRow(int index, ColumnPath?[] columns, List<CsvCell> row)
        {
            var errors = new DiagnosticBag();
            NamedCase? read = null;
            if (row.Count != columns.Length)
                errors.Add(new SourcePosition(path, row[0].Line, 1), $"this row has {row.Count} cells; the header names {columns.Length} columns");
            else
            {
                var map = new CellMap(path, errors, row[0].Line, 1);
                var sections = new CellMap?[ColumnPath.SectionCount];
                for (var i = 0; i < columns.Length; i++)
                    if (row[i].Text.Length > 0 && columns[i] is { } column) Put(map, sections, column, row[i]);
                var @case = CaseReader.ReadCase(map);
                var asOf = AsOf(map);
                read = new NamedCase(@case.CaseId ?? $"regel {row[0].Line}", @case, asOf);
            }

            if (!errors.HasErrors) return read;
            _rowErrors.Add((index, errors));
            return null;
        }

        private static DateOnly? AsOf(CellMap row)
        {
            if (row.String("as_of") is not { } text) return null;
            var date = FactText.Date(text, out var error);
            if (error is not null) row.ErrorAt("as_of", $"'as_of' {error}");
            return date;
        }

        /// <summary>Puts a cell under its path (<c>person.benefit</c> becomes person → benefit), creating the row's
        /// section on first use, where that first cell is.</summary>
        private void Put(CellMap row, CellMap?[] sections, ColumnPath column, CsvCell cell)
        {
            var parent = row;
            if (column.Section is { } section)
            {
                if (sections[column.SectionIndex] is not { } existing)
                {
                    existing = sections[column.SectionIndex] = new CellMap(path, row.Errors, cell.Line, cell.Column);
                    row.Add(section, cell.Line, cell.Column, existing);
                }

                parent = existing;
            }

            if (column.IsList) parent.Add(column.Key, cell.Line, cell.Column, Items(cell, row.Errors));
            else parent.Add(column.Key, cell.Line, cell.Column, cell.Text);
        }

        /// <summary>`type=placed date=2015-11-01 hours_per_week=24; type=left ...` as a list of maps, each key and value
        /// at its own column.</summary>
        private List<CellMap> Items(CsvCell cell, DiagnosticBag errors)
        {
            var list = new List<CellMap>();
            if (cell.Text.Trim() == NoEmployees) return list;
            var offset = 0;
            foreach (var item in cell.Text.Split(';'))
            {
                var entry = new CellMap(path, errors, cell.Line, cell.Column + offset);
                var at = offset;
                foreach (var pair in item.Split(' '))
                {
                    if (pair.Length > 0)
                    {
                        var equals = pair.IndexOf('=');
                        var key = equals < 0 ? pair : pair[..equals];
                        var value = equals < 0 ? "" : pair[(equals + 1)..];
                        entry.Add(key, cell.Line, cell.Column + at, value, cell.Column + at + equals + 1);
                    }

                    at += pair.Length + 1;
                }

                if (entry.Count > 0) list.Add(entry);
                offset += item.Length + 1;
            }

            return list;
        }
    }

    /// <summary>Where a column's cells go: an optional section (person, application, municipality) and a key.</summary>
    private sealed record ColumnPath(string? Section, int SectionIndex, string Key, bool IsList)
    {
        public static int SectionCount => FactModel.Sections.Count;

        public static ColumnPath Of(string column)
        {
            var dot = column.IndexOf('.');
            return dot < 0
                ? new ColumnPath(null, -1, column, column == "events")
                : new ColumnPath(column[..dot], FactModel.Sections.ToList().IndexOf(column[..dot]), column[(dot + 1)..], column == "municipality.employees");
        }
    }

    /// <summary>
    /// A row, one of its sections or an item of a list cell, as the case reader reads it: keys in the order of their
    /// cells, each at its cell (an item's keys and values at their own columns). The header gives a row its shape, so a
    /// key holds text, a section or a list as its column says; a cell is never written as null (only empty: left out).
    /// </summary>
    private sealed class CellMap(string path, DiagnosticBag errors, int line, int column) : IFactMap
    {
        private readonly List<Entry> _entries = [];

        public DiagnosticBag Errors => errors;

        public int Count => _entries.Count;

        public void Add(string key, int line, int keyColumn, string text, int? valueColumn = null)
        {
            if (Index(key) >= 0) errors.Add(new SourcePosition(path, line, keyColumn), $"'{key}' is given twice");
            else _entries.Add(new Entry(key, line, keyColumn, valueColumn ?? keyColumn, text, null, null));
        }

        public void Add(string key, int line, int keyColumn, CellMap section) => _entries.Add(new Entry(key, line, keyColumn, keyColumn, null, section, null));

        public void Add(string key, int line, int keyColumn, List<CellMap> list) => _entries.Add(new Entry(key, line, keyColumn, keyColumn, null, null, list));

        public FactEntry Find(string key) => Index(key) is var i and >= 0
            ? _entries[i].Text is { } text ? new FactEntry(FactEntryKind.Text, text) : new FactEntry(FactEntryKind.Structure)
            : FactEntry.Absent;

        public void AllowOnly(params string[] allowed)
        {
            foreach (var entry in _entries)
                if (!allowed.Contains(entry.Key)) errors.Add(new SourcePosition(path, entry.Line, entry.KeyColumn), YamlMap.UnknownKey(entry.Key, allowed));
        }

        public IFactMap? Map(string key) => Index(key) is var i and >= 0 ? _entries[i].Section : null;

        public IReadOnlyList<IFactMap> MapList(string key) => Index(key) is var i and >= 0 && _entries[i].List is { } list ? list : [];

        public string? String(string key) => Index(key) is var i and >= 0 ? _entries[i].Text : null;

        public void ErrorAt(string key, string message, string? field = null)
        {
            var entry = _entries[Index(key)];
            errors.Add(new SourcePosition(path, entry.Line, entry.ValueColumn), message, field: field);
        }

        public void Error(string message, string? field = null) => errors.Add(new SourcePosition(path, line, column), message, field: field);

        // A plain loop: the reader asks every map for each of its facts, and a predicate would be a closure per ask.
        private int Index(string key)
        {
            for (var i = 0; i < _entries.Count; i++)
                if (_entries[i].Key == key) return i;
            return -1;
        }

        private readonly record struct Entry(string Key, int Line, int KeyColumn, int ValueColumn, string? Text, CellMap? Section, List<CellMap>? List);
    }
}
