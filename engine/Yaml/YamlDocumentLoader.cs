using EligibilityEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Yaml;

/// <summary>Parses YAML (or JSON, which is YAML) text into nodes that keep their line and column.</summary>
public static class YamlDocumentLoader
{
    public static YamlMap? LoadMapping(string text, string file, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new SourcePosition(file, (int)ex.Start.Line, (int)ex.Start.Column), "YAML syntax error: " + Clean(ex));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(new SourcePosition(file, 1, 1), "the file is empty");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = stream.Documents[0].RootNode.Start;
            diagnostics.Add(new SourcePosition(file, (int)start.Line, (int)start.Column), "expected a mapping of keys to values at the top of the file");
            return null;
        }

        return new YamlMap(root, new YamlContext(file, text, diagnostics), null);
    }

    private static string Clean(YamlException ex)
    {
        // YamlDotNet prefixes messages with the position, which we report ourselves.
        var message = ex.InnerException?.Message ?? ex.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
