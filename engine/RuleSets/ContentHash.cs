using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EligibilityEngine.Evaluation;

namespace EligibilityEngine.RuleSets;

/// <summary>
/// SHA-256 over a canonical JSON form of a complete version: conditions in canonical print, explanations with
/// whitespace folded, parameters and sources sorted. Layout, quoting and key order in the YAML do not change it;
/// any change of meaning does.
/// </summary>
public static class ContentHash
{
    public static string Compute(RuleSetVersion version, IReadOnlyDictionary<string, string> canonicalConditions)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("rule_set", version.RuleSetId);
            json.WriteString("version", version.Version);
            json.WriteString("effective_from", version.EffectiveFrom?.ToString("yyyy-MM-dd") ?? "unknown");
            json.WriteString("effective_until", version.EffectiveUntil?.ToString("yyyy-MM-dd"));
            json.WriteBoolean("planned", version.Planned);
            json.WriteString("title", ExplanationTemplate.Normalise(version.Title));
            json.WriteString("summary", ExplanationTemplate.Normalise(version.Summary));

            json.WriteStartArray("sources");
            foreach (var s in version.Sources.OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", s.Id);
                json.WriteString("citation", s.Citation);
                json.WriteString("url", s.Url);
                json.WriteString("wording_since", s.WordingSince?.ToString("yyyy-MM-dd"));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("parameters");
            foreach (var p in version.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteString("type", p.Type.ToString());
                json.WriteString("source", p.SourceId);
                json.WriteString("description", p.Description is null ? null : ExplanationTemplate.Normalise(p.Description));
                json.WriteString("value", ParameterText.Value(p));
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
                json.WriteString("explain", ExplanationTemplate.Normalise(o.UndeterminedExplanation.Text));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            // Rule order matters: it is the priority among rules of one outcome.
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
                foreach (var (k, v) in r.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteString("values." + k, v);
                json.WriteString("when", canonicalConditions.TryGetValue(r.Id, out var c) ? c : r.When.Text);
                foreach (var (k, v) in r.Explanations.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    json.WriteString("explain." + k, ExplanationTemplate.Normalise(v.Text));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}

/// <summary>Canonical text of a parameter's value, shared by the hash, `show` and the diff.</summary>
public static class ParameterText
{
    public static string Value(ParameterDefinition p) => p.Type switch
    {
        ParameterType.List => "[" + string.Join(", ", p.Items.Select(Scalar)) + "]",
        ParameterType.Table => Table(p.Table!),
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

    private static string Table(ParameterTable table)
    {
        var builder = new StringBuilder();
        foreach (var (key, value, source) in table.Rows())
            builder.Append(string.Join("|", key)).Append('=').Append(value.ToString(CultureInfo.InvariantCulture))
                .Append(source is null ? "" : $" ({source.Citation}, {source.Status})").Append(';');
        return builder.ToString();
    }
}
