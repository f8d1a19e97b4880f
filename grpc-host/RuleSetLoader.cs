using EligibilityEngine.RuleSets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.GrpcHost;

/// <summary>Loads and compiles every rule-set version once at start-up and logs each version's hash.</summary>
public sealed class RuleSetLoader(IOptions<RulesOptions> options, ILogger<RuleSetLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var (library, diagnostics) = RuleLibrary.TryLoad(options.Value.Directory);
        if (library is null)
        {
            foreach (var d in diagnostics) logger.LogError("Rule set error: {Diagnostic}", d.ToString());
            throw new InvalidOperationException($"The rule set in '{options.Value.Directory}' has {diagnostics.Count} error(s)");
        }

        foreach (var v in library.Versions)
            logger.LogInformation("Loaded rule set {RuleSet} version {Version} (planned: {Planned}) sha256 {Hash}",
                v.Version.RuleSetId, v.Version.Version, v.Version.Planned, v.Reference.ContentHash);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
