using EligibilityEngine.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// The host's whole pipeline on an in-memory server, for benchmarks of what one call costs in the host: the checkout's
/// rules under NRules, no file watcher, warnings only, a rate limit far above what a benchmark sends, and no audit records
/// (their cost is measured by bench/grpc-load.sh on real disks). Returns once the rules are served.
/// </summary>
public static class InMemoryHost
{
    public static async Task<WebApplication> StartAsync(params string[] settings)
    {
        var app = EligibilityHost.Build(
        [
            "--Rules:Directory=" + Path.Combine(Paths.Root, "rules", "beschut-werk"), "--Rules:WatchForChanges=false",
            "--Engine:Kind=nrules", "--Logging:LogLevel:Default=Warning",
            "--Security:RateLimit:PermitsPerSecond=1000000000", "--Security:RateLimit:Burst=1000000000",
            "--Audit:Enabled=false", .. settings,
        ], server: web => web.UseTestServer());
        await app.StartAsync();
        // What health reports as SERVING: the rule library published, every version ready in the engine.
        var holder = app.Services.GetRequiredService<RuleLibraryHolder>();
        for (var i = 0; i < 1000 && holder.Library is null; i++) await Task.Delay(20);
        if (holder.Library is null) throw new InvalidOperationException("the host did not load its rules");
        return app;
    }
}
