using EligibilityEngine.Decisions;
using EligibilityEngine.Host.Services;
using EligibilityEngine.Text;
using EligibilityEngine.Verification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Web;

/// <summary>One version of the rules as GetRuleSet gives it: its rules with condition, Dutch texts and citation; and the
/// legal properties with what the solver found, as `eligibility verify --write-status` left it (read, never computed here).</summary>
public sealed class RegelsetModel(RuleLibraryHolder holder, PrecomputedResults precomputed) : PageModel
{
    public V1.GetRuleSetResponse RuleSet { get; private set; } = new();

    /// <summary>The last verification of this version, if any.</summary>
    public VersionStatus? Verification { get; private set; }

    /// <summary>Whether that verification was run on the rules as they are now (same content hash).</summary>
    public bool VerificationCurrent { get; private set; }

    public string? VerificationError { get; private set; }

    private Dictionary<string, RuleConclusion> _conclusions = [];

    private ConditionDutch? _words;

    public IActionResult OnGet(string version)
    {
        var library = Pages.Library(holder);
        var set = library.Versions.FirstOrDefault(v => v.Version.Version == version);
        if (set is null) return NotFound();
        RuleSet = RuleSetMapper.Complete(library, set);
        _conclusions = set.Rules.ToDictionary(r => r.Definition.Id, r => r.Conclusion);
        _words = new ConditionDutch(set.Version);
        try
        {
            Verification = precomputed.Statuses.FirstOrDefault(v => v.Version == version);
            VerificationCurrent = Verification?.ContentHash == set.Reference.ContentHash;
        }
        catch (InvalidDataException)
        {
            VerificationError = "Het bestand met de uitkomsten van de oplosser is onleesbaar; draai eligibility verify --write-status opnieuw.";
        }

        return Page();
    }

    /// <summary>What a rule concludes, in Dutch, by the version's titles and value labels.</summary>
    public string Conclusion(string ruleId) => _words!.Conclusion(_conclusions[ruleId]);

    /// <summary>A property's status in Dutch, as the page shows it; "niet uitgevoerd" when the run was on other rules.</summary>
    public string Status(PropertyStatusEntry p) => !VerificationCurrent ? "niet uitgevoerd" : p.Status switch
    {
        PropertyStatus.Proven => "bewezen",
        PropertyStatus.Violated => p.ExpectedViolation is null ? "geschonden" : "geschonden (bekend gebrek van de wet)",
        PropertyStatus.Unknown => "onbekend (de oplosser had niet genoeg tijd)",
        _ => "fout in de codering",
    };

    public V1.LegalSource? Source(string id) => RuleSet.Sources.FirstOrDefault(s => s.Id == id);
}
