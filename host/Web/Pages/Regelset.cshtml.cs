using EligibilityEngine.Decisions;
using EligibilityEngine.Host.Services;
using EligibilityEngine.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Web;

/// <summary>One version of the rules as GetRuleSet gives it: its rules with condition, Dutch texts and citation.</summary>
public sealed class RegelsetModel(RuleLibraryHolder holder) : PageModel
{
    public V1.GetRuleSetResponse RuleSet { get; private set; } = new();

    private Dictionary<string, RuleConclusion> _conclusions = [];

    public IActionResult OnGet(string version)
    {
        var library = Pages.Library(holder);
        var set = library.Versions.FirstOrDefault(v => v.Version.Version == version);
        if (set is null) return NotFound();
        RuleSet = RuleSetMapper.Complete(library, set);
        _conclusions = set.Rules.ToDictionary(r => r.Definition.Id, r => r.Conclusion);
        return Page();
    }

    /// <summary>What a rule concludes, in Dutch.</summary>
    public string Conclusion(string ruleId) => DutchTerms.Conclusion(_conclusions[ruleId]);

    public V1.LegalSource? Source(string id) => RuleSet.Sources.FirstOrDefault(s => s.Id == id);
}
