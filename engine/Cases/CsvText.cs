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
    public static List<List<CsvCell>> Parse(string text)
    {
        var rows = new List<List<CsvCell>>();
        var row = new List<CsvCell>();
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
            else if (c == ',') { row.Add(new CsvCell(cell.ToString().Trim(), cellLine, cellColumn)); cell.Clear(); cellLine = line; cellColumn = column + 1; }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(new CsvCell(cell.ToString().Trim(), cellLine, cellColumn));
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

        row.Add(new CsvCell(cell.ToString().Trim(), cellLine, cellColumn));
        if (row.Count > 1 || row[0].Text.Length > 0) rows.Add(row);
        return rows;
    }
}
