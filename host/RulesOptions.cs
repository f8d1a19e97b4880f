namespace EligibilityEngine.Host;

/// <summary>Configuration section "Rules": where the rule-set versions are.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>An absolute path, or a path relative to the working directory or one of its parents (so that
    /// `dotnet run --project host` from the checkout finds `rules/beschut-werk`).</summary>
    public string Directory { get; set; } = "rules/beschut-werk";

    /// <summary>Reload the rule sets when a file in the folder changes (a change that does not validate is refused).</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>How long the folder must be quiet after a change before it is reloaded.</summary>
    public int ReloadDelayMilliseconds { get; set; } = 500;

    /// <summary>The results of <c>eligibility verify --write-status</c> that the page of a version shows; relative to the
    /// rules folder. The host never runs the solver itself: a question can take it minutes.</summary>
    public string VerificationStatus { get; set; } = "properties/verification-status.json";

    /// <summary>The exact differences of <c>eligibility exact-diffs</c> that the diff page and DiffRuleSets show; relative to
    /// the rules folder. Computed beforehand for the same reason.</summary>
    public string ExactDiffs { get; set; } = "properties/exact-diffs.json";

    public string ResolveDirectory() => ResolveFolder(Directory);

    public string ResolveExactDiffs() => Path.Combine(ResolveDirectory(), ExactDiffs);

    public string ResolveVerificationStatus() => Path.Combine(ResolveDirectory(), VerificationStatus);

    /// <summary>An absolute folder as is; a relative one found from the working directory or one of its parents.</summary>
    public static string ResolveFolder(string folder)
    {
        if (Path.IsPathRooted(folder)) return folder;
        for (var d = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, folder);
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }

        return folder;
    }
}
