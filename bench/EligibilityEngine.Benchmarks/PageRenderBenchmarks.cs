using BenchmarkDotNet.Attributes;
using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// A decision page as the host renders it for a labour expert (issue #12: within 100 ms on the server): the example case
/// judged with its trace and levensloop, and the whole page (form, decision, why / why-not) written, through the host's
/// pipeline on an in-memory server. The baseline is the decision alone, as the engine gives it to every front end.
/// </summary>
[MemoryDiagnoser]
public class PageRenderBenchmarks
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private RuleLibrary _library = null!;
    private CaseFile _case = null!;

    /// <summary>The plain case and the longest history of the examples (six events: a levensloop judged on each date).</summary>
    [Params("positief-advies", "omzetting-en-terugval")]
    public string Sample { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _case = CaseReader.ReadFile(Path.Combine(Paths.Root, "samples", "cases", Sample + ".yaml"));
        _app = await InMemoryHost.StartAsync("--Web:SamplesDirectory=" + Path.Combine(Paths.Root, "samples", "cases"));
        _http = _app.GetTestServer().CreateClient();
        // The host's own library (NRules, as the page uses it); a page that is not the decision is not measured.
        var holder = _app.Services.GetRequiredService<RuleLibraryHolder>();
        _library = holder.Library!;
        var page = await Page();
        if (!page.Contains("class=\"uitkomst", StringComparison.Ordinal)) throw new InvalidOperationException($"/casus?voorbeeld={Sample} shows no decision");
        Console.WriteLine($"// page weight {Sample}: {System.Text.Encoding.UTF8.GetByteCount(page)} bytes of HTML");
    }

    [Benchmark(Baseline = true)]
    public Decision DecisionOnly() => _library.Evaluate(_case.Case, _case.AsOf!.Value, EvaluationOptions.WithTrace, _case.Version);

    [Benchmark]
    public Task<string> DecisionPage() => Page();

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private Task<string> Page() => _http.GetStringAsync("/casus?voorbeeld=" + Sample);
}
