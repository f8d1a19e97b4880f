using EligibilityEngine.RuleSets;
using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// What changes between two versions, for a legal team: the semantic diff (as <c>eligibility diff</c> gives it) and, on
/// request, the impact over a configured corpus of cases (as <c>eligibility impact</c>): whose decisions flip, and
/// through which rules.
/// </summary>
public sealed class VerschilModel(RuleLibraryHolder holder, IOptions<ImpactOptions> impact) : PageModel
{
    public IReadOnlyList<RuleSetVersion> Versions => Library.Versions.Select(v => v.Version).ToList();

    public IReadOnlyList<string> Corpora => impact.Value.Corpora.Keys.Order(StringComparer.Ordinal).ToList();

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public string? Corpus { get; private set; }

    public VersionDiff? Diff { get; private set; }

    public ImpactReport? Impact { get; private set; }

    public string? Error { get; private set; }

    private RuleLibrary Library => Pages.Library(holder);

    /// <summary>Without a choice: the last in-force version against the one before it (or itself, when it is the only one).</summary>
    public void OnGet(string? van, string? naar, string? corpus)
    {
        var inForce = Library.InForce.ToList();
        From = van ?? inForce[Math.Max(0, inForce.Count - 2)].Version.Version;
        To = naar ?? inForce[^1].Version.Version;
        var from = Library.Versions.FirstOrDefault(v => v.Version.Version == From);
        var to = Library.Versions.FirstOrDefault(v => v.Version.Version == To);
        if (from is null || to is null)
        {
            Error = "Kies twee versies uit de lijsten.";
            return;
        }

        Diff = RuleSetDiff.Compare(from, to);
        if (string.IsNullOrEmpty(corpus)) return;
        if (!impact.Value.Corpora.TryGetValue(corpus, out var path))
        {
            Error = $"Er is geen verzameling casussen ‘{corpus}’; kies er een uit de lijst.";
            return;
        }

        Corpus = corpus;
        // Each case on its own peildatum under both versions: the question a lawyer asks of real decisions.
        Impact = ImpactAnalysis.Run(Library.Engine, from, to, CaseCorpus.Load(RulesOptions.ResolveFolder(path)), new ImpactDates(ImpactDates.Mode.Case),
            HttpContext.RequestAborted);
    }
}
