using EligibilityEngine.Cases;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// The example cases the page offers, read once (at the first page that asks), not on every request: file name
/// without extension → the case file. New files in the folder show after a restart.
/// </summary>
public sealed class SampleCases(IOptions<WebOptions> options)
{
    private readonly Lazy<IReadOnlyDictionary<string, CaseFile>> _files = new(() =>
    {
        var folder = RulesOptions.ResolveFolder(options.Value.SamplesDirectory);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml")
                .ToDictionary(f => Path.GetFileNameWithoutExtension(f), CaseReader.ReadFile, StringComparer.Ordinal)
            : new Dictionary<string, CaseFile>();
    });

    public IReadOnlyDictionary<string, CaseFile> Files => _files.Value;
}
