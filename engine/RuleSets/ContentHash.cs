using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EligibilityEngine.RuleSets;

/// <summary>
/// SHA-256 over a JSON form of the <see cref="CanonicalVersion"/>. Layout, quoting and key order in the YAML do not
/// change it; any change of meaning does.
/// </summary>
public static class ContentHash
{
    public static string Compute(CanonicalVersion version)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("rule_set", version.RuleSetId);
            json.WriteString("version", version.Version);
            json.WriteString("effective_from", version.EffectiveFrom ?? "unknown");
            json.WriteString("effective_until", version.EffectiveUntil);
            json.WriteBoolean("planned", version.Planned);
            json.WriteString("title", version.Title);
            json.WriteString("summary", version.Summary);

            json.WriteStartArray("sources");
            foreach (var s in version.Sources)
            {
                json.WriteStartObject();
                json.WriteString("id", s.Id);
                json.WriteString("citation", s.Citation);
                json.WriteString("url", s.Url);
                json.WriteString("wording_since", s.WordingSince);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("parameters");
            foreach (var p in version.Parameters)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteString("type", p.Type);
                json.WriteString("source", p.SourceId);
                json.WriteString("description", p.Description);
                json.WriteString("value", p.Value ?? ParameterText.Table(p.Rows));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("outcomes");
            foreach (var o in version.Outcomes)
            {
                json.WriteStartObject();
                json.WriteString("id", o.Id);
                json.WriteString("title", o.Title);
                json.WriteString("values", string.Join(",", o.Values));
                json.WriteString("undetermined", o.UndeterminedValue);
                json.WriteBoolean("timeline", o.Timeline);
                json.WriteString("explain", o.UndeterminedExplanation);
                json.WriteStartObject("labels");
                foreach (var (value, label) in o.Labels) json.WriteString(value, label);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("rules");
            foreach (var r in version.Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteString("source", r.SourceId);
                json.WriteString("title", r.Title);
                json.WriteString("kind", r.Kind.ToString());
                json.WriteString("target", r.Target);
                json.WriteString("value", r.Value);
                foreach (var (k, v) in r.Values) json.WriteString("values." + k, v);
                json.WriteString("when", r.When);
                foreach (var (k, v) in r.Explanations) json.WriteString("explain." + k, v);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}

/// <summary>Canonical text of a parameter's value, shared by the hash, `show`, GetRuleSet and the diff.</summary>
public static class ParameterText
{
    public static string Value(ParameterDefinition p) => p.Type switch
    {
        ParameterType.List => "[" + string.Join(", ", p.Items.Select(Scalar)) + "]",
        ParameterType.Table => Table(Rows(p.Table!)),
        ParameterType.Percentage when p.Value is decimal d => (d * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%",
        _ => Scalar(p.Value),
    };

    public static string Scalar(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd"),
        bool b => b ? "true" : "false",
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static IEnumerable<TableRowText> Rows(ParameterTable table) =>
        table.Rows().Select(r => new TableRowText(string.Join("|", r.Key),
            r.Value.ToString(CultureInfo.InvariantCulture) + (r.Source is null ? "" : $" ({r.Source.Citation}, {r.Source.Status})")));

    public static string Table(IEnumerable<TableRowText> rows)
    {
        var builder = new StringBuilder();
        foreach (var row in rows) builder.Append(row.Key).Append('=').Append(row.Value).Append(';');
        return builder.ToString();
    }
}
