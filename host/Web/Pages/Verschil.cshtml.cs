using EligibilityEngine.RuleSets;
using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using EligibilityEngine.Verification;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// What changes between two versions, for a legal team: the semantic diff (as <c>eligibility diff</c> gives it) and, on
/// request, the impact over a configured corpus of cases (as <c>eligibility impact</c>): whose decisions flip, and
/// through which rules; and, with the switch, the exact difference (every case whose decision differs, as regions with a
/// witness case) as `eligibility exact-diffs` computed it beforehand: the page never runs the solver.
/// </summary>
public sealed class VerschilModel(RuleLibraryHolder holder, IOptions<ImpactOptions> impact, PrecomputedResults precomputed) : PageModel
{
    public IReadOnlyList<RuleSetVersion> Versions => Library.Versions.Select(v => v.Version).ToList();

    public IReadOnlyList<string> Corpora => impact.Value.Corpora.Keys.Order(StringComparer.Ordinal).ToList();

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public string? Corpus { get; private set; }

    public VersionDiff? Diff { get; private set; }

    public ImpactReport? Impact { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Whether the exact difference was asked for (the switch).</summary>
    public bool ExactAsked { get; private set; }

    /// <summary>The precomputed exact difference of the two versions' current content; null when there is none.</summary>
    public ExactDifference? Exact { get; private set; }

    public string? ExactError { get; private set; }

    private RuleLibrary Library => Pages.Library(holder);

    /// <summary>Without a choice: the last in-force version against the one before it (or itself, when it is the only one).</summary>
    public void OnGet(string? van, string? naar, string? corpus, bool exact = false)
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
        ExactAsked = exact;
        if (exact)
        {
            try
            {
                Exact = precomputed.ExactDiff(from.Reference, to.Reference)?.Difference;
            }
            catch (InvalidDataException)
            {
                ExactError = "Het bestand met de vooraf berekende exacte verschillen is onleesbaar; draai eligibility exact-diffs opnieuw.";
            }
        }

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
