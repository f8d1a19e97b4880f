using System.Globalization;
using EligibilityEngine.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Yaml;

/// <summary>
/// A YAML mapping read key by key. Every read reports a missing or malformed value to the diagnostics with its
/// position and carries on, so that all errors of a file are reported at once.
/// </summary>
public sealed class YamlMap(YamlMappingNode node, YamlContext context, string? ruleId)
{
    public YamlMappingNode Node { get; } = node;

    public YamlContext Context { get; } = context;

    public string? RuleId { get; } = ruleId;

    public SourcePosition Position => Context.PositionOf(Node);

    public YamlMap WithRule(string? id) => new(Node, Context, id);

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries()
    {
        foreach (var (key, value) in Node.Children)
        {
            if (key is YamlScalarNode scalar && scalar.Value is { } name) yield return (name, key, value);
            else Error(key, "a key must be a plain name");
        }
    }

    public bool Has(string key) => Find(key) is not null;

    public YamlNode? Find(string key)
    {
        foreach (var (k, v) in Node.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    /// <summary>Reports every key that is not one of <paramref name="allowed"/>, suggesting the closest allowed key.</summary>
    public void AllowOnly(params string[] allowed)
    {
        foreach (var (key, keyNode, _) in Entries())
        {
            if (!allowed.Contains(key)) Error(keyNode, UnknownKey(key, allowed));
        }
    }

    /// <summary>What is said of a key that is not one of <paramref name="allowed"/>: the closest allowed key, else all of them.</summary>
    public static string UnknownKey(string key, string[] allowed) => Spelling.Closest(key, allowed) is { } suggestion
        ? $"unknown key {Facts.FactText.Echo(key)}; did you mean '{suggestion}'?"
        : $"unknown key {Facts.FactText.Echo(key)} (allowed here: {string.Join(", ", allowed)})";

    public string? String(string key, bool required)
    {
        var node = Find(key);
        if (node is null)
        {
            if (required) Context.Diagnostics.Add(Position, $"missing required key '{key}'", RuleId);
            return null;
        }

        if (node is YamlScalarNode { Value: { } value } && !IsNull(node)) return value;
        if (required || !IsNull(node)) Error(node, $"'{key}' must be a text value");
        return null;
    }

    public DateOnly? Date(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        var date = Facts.FactText.Date(text, out var error);
        if (error is not null) Error(Find(key)!, $"'{key}' {error}");
        return date;
    }

    public decimal? Decimal(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        Error(Find(key)!, $"'{key}' must be a number, not {Facts.FactText.Echo(text)}");
        return null;
    }

    public bool? Bool(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (text is "true" or "false") return text == "true";
        Error(Find(key)!, $"'{key}' must be true or false, not {Facts.FactText.Echo(text)}");
        return null;
    }

    public YamlMap? Map(string key, bool required)
    {
        var node = Find(key);
        if (node is null)
        {
            if (required) Context.Diagnostics.Add(Position, $"missing required key '{key}'", RuleId);
            return null;
        }

        if (node is YamlMappingNode map) return new YamlMap(map, Context, RuleId);
        if (!IsNull(node)) Error(node, $"'{key}' must be a mapping of keys to values");
        return null;
    }

    public YamlSequenceNode? Sequence(string key, bool required)
    {
        var node = Find(key);
        if (node is null)
        {
            if (required) Context.Diagnostics.Add(Position, $"missing required key '{key}'", RuleId);
            return null;
        }

        if (node is YamlSequenceNode seq) return seq;
        if (!IsNull(node)) Error(node, $"'{key}' must be a list");
        return null;
    }

    public IReadOnlyList<YamlMap> MapList(string key, bool required)
    {
        var seq = Sequence(key, required);
        if (seq is null) return [];
        var result = new List<YamlMap>();
        foreach (var item in seq.Children)
        {
            if (item is YamlMappingNode map) result.Add(new YamlMap(map, Context, RuleId));
            else Error(item, $"each item of '{key}' must be a mapping of keys to values");
        }

        return result;
    }

    public IReadOnlyList<(string Value, YamlScalarNode Node)> StringList(string key, bool required)
    {
        var seq = Sequence(key, required);
        if (seq is null) return [];
        var result = new List<(string, YamlScalarNode)>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { } value } scalar) result.Add((value, scalar));
            else Error(item, $"each item of '{key}' must be a text value");
        }

        return result;
    }

    /// <param name="field">The case fact the error is about (<see cref="Diagnostic.Field"/>), if any.</param>
    public void Error(YamlNode node, string message, string? field = null) => Context.Diagnostics.Add(Context.PositionOf(node), message, RuleId, field);

    public void Error(string message, string? field = null) => Context.Diagnostics.Add(Position, message, RuleId, field);

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" };
}
