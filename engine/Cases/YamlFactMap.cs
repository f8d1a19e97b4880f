using EligibilityEngine.Yaml;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Cases;

/// <summary>A YAML mapping as the case reader checks it: <see cref="YamlMap"/>'s reads and messages, at its nodes.</summary>
public sealed class YamlFactMap(YamlMap map) : IFactMap
{
    public FactEntry Find(string key) => map.Find(key) switch
    {
        null => FactEntry.Absent,
        var node when YamlMap.IsNull(node) => new FactEntry(FactEntryKind.Null),
        YamlScalarNode { Value: { } text } => new FactEntry(FactEntryKind.Text, text),
        _ => new FactEntry(FactEntryKind.Structure),
    };

    public void AllowOnly(params string[] allowed) => map.AllowOnly(allowed);

    public IFactMap? Map(string key) => map.Map(key, required: false) is { } found ? new YamlFactMap(found) : null;

    public IReadOnlyList<IFactMap> MapList(string key) => map.MapList(key, required: false).Select(m => new YamlFactMap(m)).ToList();

    public string? String(string key) => map.String(key, required: false);

    public void ErrorAt(string key, string message, string? field = null) => map.Error(map.Find(key)!, message, field);

    public void Error(string message, string? field = null) => map.Error(message, field);
}
