using EligibilityEngine.RuleSets;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.GrpcHost;

/// <summary>
/// Loads, validates and compiles the rule sets once at start-up and holds them. Until loading has succeeded the
/// health service reports NOT_SERVING. Logs versions and content hashes, never case data.
/// </summary>
public sealed class RuleLibraryHolder(IOptions<RulesOptions> options, ILogger<RuleLibraryHolder> logger) : IHostedService
{
    private volatile RuleLibrary? _library;

    public RuleLibrary? Library => _library;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.ResolveDirectory();
        var (library, diagnostics) = RuleLibrary.TryLoad(directory);
        if (library is null)
        {
            foreach (var d in diagnostics) logger.LogError("Rule set error: {Diagnostic}", d.ToString());
            throw new InvalidOperationException($"The rule set in '{directory}' has {diagnostics.Count} error(s)");
        }

        foreach (var v in library.Versions)
            logger.LogInformation("Loaded rule set {RuleSet} version {Version} (planned: {Planned}) sha256 {Hash}",
                v.Version.RuleSetId, v.Version.Version, v.Version.Planned, v.Reference.ContentHash);
        _library = library;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
