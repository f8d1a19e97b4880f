
namespace EligibilityEngine.Host.Web;

/// <summary>What the pages share: the rules the host serves now.</summary>
public static class Pages
{
    /// <summary>The rule library in use; the pages are only mapped once it is loaded (see <see cref="WebSetup"/>).</summary>
    public static RuleLibrary Library(RuleLibraryHolder holder) =>
        holder.Library ?? throw new InvalidOperationException("the rule sets are not loaded yet");
}
