using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;

namespace EligibilityEngine.Tests.Verification;

/// <summary>The page /regels/{version} shows the committed verification results only for the rules they were proven
/// on: a rule change without a new run would show every property as not run.</summary>
public sealed class VerificationStatusFileTests
{
    [Fact]
    public void The_committed_status_file_covers_every_version_with_its_current_content_hash()
    {
        var status = VerificationStatusFile.Read(Path.Combine(RepositoryPaths.Rules, "properties", "verification-status.json"))
            .ToDictionary(s => s.Version, s => s.ContentHash);

        var stale = RealRules.Library.Versions
            .Where(v => status.GetValueOrDefault(v.Version.Version) != v.Reference.ContentHash)
            .Select(v => v.Version.Version)
            .ToList();

        stale.ShouldBeEmpty("regenerate with: eligibility verify --no-builtin --timeout 10 --write-status rules/beschut-werk/properties/verification-status.json");
    }
}
