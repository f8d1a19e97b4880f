namespace EligibilityEngine.Cases;

/// <summary>One CSV cell with the line and column it starts at, for errors that point into the file.</summary>
public readonly record struct CsvCell(string Text, int Line, int Column);

/// <summary>
/// Splits CSV text (RFC 4180: quoted cells may hold commas, quotes doubled and line breaks) into rows of cells with
/// their positions. Blank lines are skipped; cells are trimmed.
/// </summary>
public static class CsvText
{
    /// <summary>RFC 4180: commas between cells, double quotes around a cell that holds commas, quotes or line breaks.</summary>
    public static List<List<CsvCell>> Parse(string text) => Rows(new StringReader(text)).ToList();

    /// <summary>The rows one at a time, as they are read: a file of any size is never held whole.</summary>
    public static IEnumerable<List<CsvCell>> Rows(TextReader reader)
    {
        var row = new List<CsvCell>();
        var cell = new System.Text.StringBuilder();
        int line = 1, column = 1, cellLine = 1, cellColumn = 1;
        var quoted = false;
        for (var c = reader.Read(); c >= 0; c = reader.Read())
        {
            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"') { cell.Append('"'); reader.Read(); column++; }
                else if (c == '"') quoted = false;
                else
                {
                    cell.Append((char)c);
                    if (c == '\n') { line++; column = 0; }
                }
            }
            else if (c == '"' && cell.Length == 0) { quoted = true; cellColumn = column + 1; }
            else if (c == ',') { row.Add(new CsvCell(cell.ToString().Trim(), cellLine, cellColumn)); cell.Clear(); cellLine = line; cellColumn = column + 1; }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                row.Add(new CsvCell(cell.ToString().Trim(), cellLine, cellColumn));
                cell.Clear();
                if (row.Count > 1 || row[0].Text.Length > 0) yield return row;
                row = new List<CsvCell>(row.Count); // rows of a file are as long as each other
                line++;
                column = 0;
                cellLine = line;
                cellColumn = 1;
            }
            else cell.Append((char)c);

            column++;
        }

        row.Add(new CsvCell(cell.ToString().Trim(), cellLine, cellColumn));
        if (row.Count > 1 || row[0].Text.Length > 0) yield return row;
    }
}
