using System.Globalization;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Yaml;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.RuleSets;

/// <summary>Reads one version file. Every problem goes to the diagnostics with its position; reading carries on.</summary>
internal static class RuleSetFileReader
{
    public static readonly string[] Sections = ["sources", "parameters", "outcomes", "rules"];

    public static RuleSetFile? Read(string path, string displayPath, DiagnosticBag diagnostics)
    {
        var root = YamlDocumentLoader.LoadRuleFile(path, displayPath, diagnostics);
        if (root is null) return null;

        root.AllowOnly("rule_set", "version", "status", "effective_from", "effective_until", "extends", "title", "summary",
            "sources", "parameters", "outcomes", "rules", "remove");

        var status = root.String("status", required: true);
        if (status is not null and not ("in_force" or "planned"))
            root.Error(root.Find("status")!, $"'status' must be in_force or planned, not '{status}'");
        var planned = status == "planned";

        DateOnly? from = null;
        if (planned && root.String("effective_from", required: false) == "unknown") { }
        else from = root.Date("effective_from", required: !planned);

        return new RuleSetFile(
            displayPath,
            root.String("rule_set", required: true),
            root.String("version", required: true),
            from,
            root.Date("effective_until", required: false),
            planned,
            root.String("title", required: true),
            root.String("summary", required: true),
            root.String("extends", required: false),
            root.MapList("sources", required: false).Select(ReadSource).OfType<LegalSource>().ToList(),
            root.MapList("parameters", required: false).Select(p => ReadParameter(p, Path.GetDirectoryName(path)!, displayPath)).OfType<ParameterDefinition>().ToList(),
            root.MapList("outcomes", required: false).Select(ReadOutcome).OfType<OutcomeDefinition>().ToList(),
            root.MapList("rules", required: false).Select(ReadRule).OfType<RuleDefinition>().ToList(),
            ReadRemovals(root),
            root.Position);
    }

    private static LegalSource? ReadSource(YamlMap map)
    {
        map.AllowOnly("id", "citation", "url", "wording_since");
        var id = map.String("id", required: true);
        var citation = map.String("citation", required: true);
        var url = map.String("url", required: false);
        var since = map.Date("wording_since", required: false);
        return id is null || citation is null ? null : new LegalSource(id, citation, url, since, map.Position);
    }

    private static OutcomeDefinition? ReadOutcome(YamlMap map)
    {
        map.AllowOnly("id", "title", "values", "labels", "undetermined", "timeline");
        var id = map.String("id", required: true);
        var title = map.String("title", required: true);
        var values = map.StringList("values", required: true).Select(v => v.Value).ToList();
        var undetermined = map.Map("undetermined", required: true);
        undetermined?.AllowOnly("value", "explain");
        var value = undetermined?.String("value", required: true);
        var explain = undetermined is null ? null : Located(undetermined, "explain", required: true);
        var labels = ReadValueLabels(map, value is null ? values : [.. values, value]);
        if (id is null || title is null || value is null || explain is null || labels is null) return null;
        return new OutcomeDefinition(id, title, values, value, explain, map.Bool("timeline", required: false) ?? false, map.Position)
        {
            ValueLabels = labels,
        };
    }

    /// <summary>The Dutch label of every value an outcome can take, the undetermined one too: people read labels,
    /// contracts and records keep the codes.</summary>
    private static Dictionary<string, string>? ReadValueLabels(YamlMap map, IReadOnlyList<string> values)
    {
        var labels = map.Map("labels", required: true);
        if (labels is null) return null;
        labels.AllowOnly([.. values]);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values.Distinct())
            if (labels.String(value, required: true) is { } label) result[value] = label;
        return result.Count == values.Distinct().Count() ? result : null;
    }

    private static RuleDefinition? ReadRule(YamlMap raw)
    {
        var id = raw.String("id", required: true);
        var map = raw.WithRule(id);
        map.AllowOnly("id", "source", "title", "when", "then", "explain", "insert_before");
        var source = map.String("source", required: false);
        if (source is null) map.Error("the rule has no 'source': every rule must cite the law article, Besluit article or letter it implements");
        var title = map.String("title", required: false);
        var when = Located(map, "when", required: true);

        var then = map.Map("then", required: true);
        ConclusionKind? kind = null;
        string? target = null;
        string? value = null;
        var values = new Dictionary<string, string>();
        if (then is not null)
        {
            then.AllowOnly("criterion", "finding", "outcome", "value", "values");
            var kinds = new[] { "criterion", "finding", "outcome" }.Where(then.Has).ToList();
            if (kinds.Count != 1)
                then.Error("'then' must name exactly one of criterion, finding or outcome");
            else
            {
                kind = Enum.Parse<ConclusionKind>(kinds[0], ignoreCase: true);
                target = then.String(kinds[0], required: true);
            }

            value = then.String("value", required: kind == ConclusionKind.Outcome);
            if (value is not null && kind != ConclusionKind.Outcome) then.Error(then.Find("value")!, "'value' belongs to an outcome conclusion only");
            var extra = then.Map("values", required: false);
            if (extra is not null)
            {
                foreach (var (key, _, node) in extra.Entries())
                {
                    if (node is YamlScalarNode { Value: { } v }) values[key] = v;
                    else extra.Error(node, $"value '{key}' must be a text");
                }
            }
        }

        var explanations = new Dictionary<string, LocatedText>();
        var explainNode = map.Find("explain");
        if (explainNode is null) map.Error("missing required key 'explain' (the Dutch explanation shown to users)");
        else if (kind == ConclusionKind.Criterion)
        {
            var explain = map.Map("explain", required: true);
            if (explain is not null)
            {
                explain.AllowOnly("met", "not_met", "undetermined");
                foreach (var status in new[] { "met", "not_met", "undetermined" })
                    if (Located(explain, status, required: true) is { } text) explanations[status] = text;
            }

            if (title is null) map.Error("a criterion rule needs a 'title' (the criterion's name shown to users)");
        }
        else if (Located(map, "explain", required: true) is { } fired) explanations["fired"] = fired;

        if (id is null || source is null || when is null || kind is null || target is null) return null;
        return new RuleDefinition(id, source, title, kind.Value, target, value, values, when, explanations,
            map.String("insert_before", required: false), map.Position);
    }

    private static ParameterDefinition? ReadParameter(YamlMap map, string directory, string displayPath)
    {
        var name = map.String("name", required: true);
        map.AllowOnly("name", "type", "value", "items", "item_type", "keys", "value_type", "rows", "rows_from", "source", "description");
        var typeText = map.String("type", required: true);
        var source = map.String("source", required: false);
        if (source is null) map.Error($"parameter '{name}' has no 'source': every parameter must cite where its value comes from");
        var description = map.String("description", required: false);
        if (typeText is null) return null;
        if (!Enum.TryParse<ParameterType>(typeText, ignoreCase: true, out var type) || typeText.Any(char.IsUpper))
        {
            map.Error(map.Find("type")!, $"unknown parameter type '{typeText}' (integer, decimal, money, percentage, date, boolean, text, list, table)");
            return null;
        }

        object? value = null;
        ParameterType? itemType = null;
        var items = new List<object>();
        ParameterTable? table = null;
        switch (type)
        {
            case ParameterType.List:
                itemType = ScalarType(map, "item_type");
                foreach (var (text, node) in map.StringList("items", required: true))
                    if (itemType is { } t && ParseScalar(map, node, t, text) is { } item) items.Add(item);
                break;
            case ParameterType.Table:
                table = ReadTable(map, directory, displayPath);
                break;
            default:
                var valueText = map.String("value", required: true);
                if (valueText is not null) value = ParseScalar(map, map.Find("value")!, type, valueText);
                break;
        }

        if (name is null || source is null) return null;
        return new ParameterDefinition(name, type, source, description, value, itemType, items, table, map.Position);
    }

    private static ParameterType? ScalarType(YamlMap map, string key)
    {
        var text = map.String(key, required: true);
        if (text is null) return null;
        if (Enum.TryParse<ParameterType>(text, ignoreCase: true, out var t) && t is not (ParameterType.List or ParameterType.Table)) return t;
        map.Error(map.Find(key)!, $"'{key}' must be a scalar type (integer, decimal, money, percentage, date, boolean, text), not '{text}'");
        return null;
    }

    private static ParameterTable? ReadTable(YamlMap map, string directory, string displayPath)
    {
        var keys = new List<TableKey>();
        foreach (var key in map.MapList("keys", required: true))
        {
            key.AllowOnly("name", "type");
            var keyName = key.String("name", required: true);
            var keyType = key.String("type", required: true);
            if (keyType is not ("text" or "integer")) { key.Error("a table key's type must be text or integer"); continue; }
            if (keyName is not null) keys.Add(new TableKey(keyName, keyType == "text" ? ParameterType.Text : ParameterType.Integer));
        }

        if (keys.Count is < 1 or > 2) { map.Error("a table has one or two keys"); return null; }
        var valueType = ScalarType(map, "value_type");
        if (valueType is not (ParameterType.Integer or ParameterType.Decimal or ParameterType.Money or ParameterType.Percentage))
        {
            map.Error("a table's value_type must be integer, decimal, money or percentage");
            return null;
        }

        var table = new ParameterTable(keys, valueType.Value);
        var rows = map.Sequence("rows", required: false);
        var rowsFrom = map.String("rows_from", required: false);
        if ((rows is null) == (rowsFrom is null)) { map.Error("a table needs exactly one of 'rows' or 'rows_from'"); return table; }

        if (rows is not null)
        {
            foreach (var row in rows.Children)
            {
                if (row is not YamlSequenceNode cells || cells.Children.Count != keys.Count + 1 || cells.Children.Any(c => c is not YamlScalarNode))
                {
                    map.Error(row, $"each row must be a list of {keys.Count + 1} values: the key(s), then the value");
                    continue;
                }

                AddRow(map, table, cells.Children.Cast<YamlScalarNode>().ToList(), -1);
            }
        }
        else
        {
            ReadYearFiles(map, table, Path.Combine(directory, rowsFrom!), Path.Combine(Path.GetDirectoryName(displayPath) ?? "", rowsFrom!));
        }

        return table;
    }

    /// <summary>Reads <c>&lt;dir&gt;/&lt;year&gt;.yaml</c> files: one year's values keyed by the first (text) key.</summary>
    private static void ReadYearFiles(YamlMap map, ParameterTable table, string directory, string displayDirectory)
    {
        if (table.Keys is not [{ Type: ParameterType.Text }, { Type: ParameterType.Integer }])
        {
            map.Error("'rows_from' needs keys [text, integer]: the year files give the text key's rows, the year the integer key");
            return;
        }

        if (!Directory.Exists(directory)) { map.Error(map.Find("rows_from")!, $"folder '{displayDirectory}' does not exist"); return; }
        foreach (var file in Directory.GetFiles(directory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            var display = Path.Combine(displayDirectory, Path.GetFileName(file));
            var yearFile = YamlDocumentLoader.LoadRuleFile(file, display, map.Context.Diagnostics);
            if (yearFile is null) continue;
            yearFile.AllowOnly("year", "label", "citation", "url", "status", "note", "rows");
            var year = yearFile.Decimal("year", required: true);
            if (year is { } y && Path.GetFileNameWithoutExtension(file) != y.ToString(CultureInfo.InvariantCulture))
                yearFile.Error(yearFile.Find("year")!, $"the file name must be the year: {y}.yaml");
            var status = yearFile.String("status", required: true);
            if (status is not null and not ("complete" or "partial" or "illustrative"))
                yearFile.Error(yearFile.Find("status")!, "'status' must be complete, partial or illustrative");
            var source = new TableRowSource(
                yearFile.String("label", required: true) ?? "",
                yearFile.String("citation", required: true) ?? "",
                yearFile.String("url", required: false),
                status ?? "",
                display);
            var rows = yearFile.Map("rows", required: true);
            if (rows is null || year is null) continue;
            var sourceIndex = table.AddSource(source);
            foreach (var (key, keyNode, valueNode) in rows.Entries())
            {
                if (valueNode is not YamlScalarNode scalar) { rows.Error(valueNode, "a row's value must be a number"); continue; }
                var value = ParseScalar(rows, scalar, table.ValueType, scalar.Value ?? "");
                if (value is decimal number && !table.TryAdd([key, year.Value], number, sourceIndex))
                    rows.Error(keyNode, $"row '{key}' appears twice for {year}");
            }
        }
    }

    private static void AddRow(YamlMap map, ParameterTable table, IReadOnlyList<YamlScalarNode> cells, int sourceIndex)
    {
        var key = new List<object>();
        for (var i = 0; i < table.Keys.Count; i++)
        {
            var parsed = ParseScalar(map, cells[i], table.Keys[i].Type, cells[i].Value ?? "");
            if (parsed is null) return;
            key.Add(parsed);
        }

        if (ParseScalar(map, cells[^1], table.ValueType, cells[^1].Value ?? "") is decimal value && !table.TryAdd(key, value, sourceIndex))
            map.Error(cells[0], $"row '{string.Join(", ", key)}' appears twice");
    }

    /// <summary>Parses a scalar of a parameter type; numbers, money and percentages become decimals (68% → 0.68).</summary>
    private static object? ParseScalar(YamlMap map, YamlNode node, ParameterType type, string text)
    {
        switch (type)
        {
            case ParameterType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                return (decimal)i;
            case ParameterType.Decimal or ParameterType.Money when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d):
                return d;
            case ParameterType.Percentage when text.EndsWith('%') && decimal.TryParse(text[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var p):
                return p / 100m;
            case ParameterType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return date;
            case ParameterType.Boolean when text is "true" or "false":
                return text == "true";
            case ParameterType.Text:
                return text;
            default:
                var expected = type switch
                {
                    ParameterType.Percentage => "a percentage such as 68%",
                    ParameterType.Date => "a date written as YYYY-MM-DD",
                    ParameterType.Boolean => "true or false",
                    ParameterType.Integer => "a whole number",
                    _ => "a number",
                };
                map.Error(node, $"'{text}' is not {expected}");
                return null;
        }
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<(string, SourcePosition)>> ReadRemovals(YamlMap root)
    {
        var result = new Dictionary<string, IReadOnlyList<(string, SourcePosition)>>();
        var remove = root.Map("remove", required: false);
        if (remove is null) return result;
        remove.AllowOnly(Sections);
        foreach (var section in Sections)
            result[section] = remove.StringList(section, required: false).Select(v => (v.Value, remove.Context.PositionOf(v.Node))).ToList();
        return result;
    }

    internal static LocatedText? Located(YamlMap map, string key, bool required)
    {
        var text = map.String(key, required);
        return text is null ? null : new LocatedText(text, map.Context, (YamlScalarNode)map.Find(key)!);
    }
}
