using EligibilityEngine.GrpcHost.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.GrpcHost.Web;

/// <summary>The versions of the rules, as ListRuleSets gives them, for a lawyer to read.</summary>
public sealed class RegelsModel(RuleLibraryHolder holder) : PageModel
{
    public IReadOnlyList<V1.RuleSetSummary> Versions { get; private set; } = [];

    public void OnGet()
    {
        var library = Pages.Library(holder);
        Versions = library.Versions.Select(v => RuleSetMapper.Summary(library, v)).ToList();
    }
}
