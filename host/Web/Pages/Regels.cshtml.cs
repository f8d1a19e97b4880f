using EligibilityEngine.Host.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Web;

/// <summary>The versions of the rules, as ListRuleSets gives them, for a lawyer to read.</summary>
public sealed class RegelsModel(RuleLibraryHolder holder) : PageModel
{
    public IReadOnlyList<V1.RuleSetSummary> Versions { get; private set; } = [];

    /// <summary>The last change of the rule files this host refused, while it serves the rules loaded before.</summary>
    public ReloadFailure? RefusedChange => holder.LastFailure;

    /// <summary>When the rules now served were loaded.</summary>
    public DateTimeOffset LoadedAt => holder.LoadedAt;

    public void OnGet()
    {
        var library = Pages.Library(holder);
        Versions = library.Versions.Select(v => RuleSetMapper.Summary(library, v)).ToList();
    }
}
