using EligibilityEngine.Evaluation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EligibilityEngine.GrpcHost.Web;

/// <summary>
/// An example case and the decision the law in force on its peildatum gives it, as a labour expert reads it. The page
/// reads the case file and renders the engine's decision; the case is judged by the host's rule library, not here.
/// </summary>
public sealed class CasusModel(RuleLibraryHolder holder, SampleCases samples) : PageModel
{
    /// <summary>The example cases: file name without extension, and the description the file gives.</summary>
    public IReadOnlyList<(string Name, string Description)> Samples { get; private set; } = [];

    public string? Chosen { get; private set; }

    public string? Description { get; private set; }

    public Decision? Decision { get; private set; }

    public IActionResult OnGet(string? voorbeeld)
    {
        Samples = samples.Files.Select(f => (f.Key, f.Value.Description ?? f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (voorbeeld is null) return Page();
        if (!samples.Files.TryGetValue(voorbeeld, out var file)) return NotFound();

        Chosen = voorbeeld;
        Description = file.Description;
        // Every example names its peildatum; one that does not is shown without a decision rather than judged on a guess.
        if (file.AsOf is { } asOf) Decision = Pages.Library(holder).Evaluate(file.Case, asOf, EvaluationOptions.Default, file.Version);
        return Page();
    }

    /// <summary>The missing facts that would settle the most outcomes first, then those that settle only criteria.</summary>
    public IEnumerable<MissingFact> RankedMissingFacts =>
        (Decision?.MissingFacts ?? []).OrderByDescending(m => Decision!.Outcomes.Count(o => o.MissingFacts.Contains(m.Path)))
        .ThenByDescending(m => m.Affects.Count).ThenBy(m => m.Path, StringComparer.Ordinal);
}
